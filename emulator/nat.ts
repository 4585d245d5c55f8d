// VPC NAT gateways (overlapping networks, issue 17): the intranet NAT gateway, its NAT IP CIDRs and NAT IPs, SNAT and
// DNAT (forward) entries, and the custom route table its vSwitch gets. Like rules.ts, this re-states Alibaba's rules
// on raw inputs instead of reusing model/, so the emulator catches what the library gets wrong.
// Sources, in the provider (aliyun/terraform-provider-alicloud, alicloud/): resource_alicloud_nat_gateway.go (vpc_id
// required; network_type internet|intranet; nat_type Enhanced; id the NatGatewayId; snat_table_ids/forward_table_ids
// computed), resource_alicloud_vpc_nat_ip_cidr.go (id "<nat_gateway_id>:<nat_ip_cidr>"), resource_alicloud_vpc_nat_ip.go
// (id "<nat_gateway_id>:<NatIpId>", NatIpId "vpcnatip-..."), resource_alicloud_snat_entry.go (id
// "<snat_table_id>:<snat_entry_id>"), resource_alicloud_forward_entry.go (id "<forward_table_id>:<forward_entry_id>").
// The API references: CreateNatIpCidr's block rule (@pulumi/alicloud vpc/natIpCidr.d.ts: 10.0.0.0/8, 172.16.0.0/12 or
// 192.168.0.0/16, mask /16 to /32, not overlapping the VPC), CreateSnatEntry ("the vSwitch and ECS instance ... must be
// created in the VPC where the NAT gateway is deployed"; "each vSwitch or ECS instance can be specified in only one SNAT
// entry", https://www.alibabacloud.com/help/en/nat-gateway/developer-reference/api-vpc-2016-04-28-createsnatentry-natgws),
// and the quotas (https://www.alibabacloud.com/help/en/nat-gateway/user-guide/quotas: natgw_quota_nat_num_per_vpc 5,
// natgw_quota_nat_ip_num_per_vpc_nat 15). Error codes not given by those pages are marked "modelled".
import * as ipaddr from "ipaddr.js";
import { resourceId } from "./ids";
import { AlibabaApiError, EmulatorState, RecordedResource } from "./state";

export const NAT_TYPES = {
    natGateway: "alicloud:vpc/natGateway:NatGateway",
    natIpCidr: "alicloud:vpc/natIpCidr:NatIpCidr",
    natIp: "alicloud:vpc/natIp:NatIp",
    snatEntry: "alicloud:vpc/snatEntry:SnatEntry",
    forwardEntry: "alicloud:vpc/forwardEntry:ForwardEntry",
    routeTable: "alicloud:vpc/routeTable:RouteTable",
    routeTableAttachment: "alicloud:vpc/routeTableAttachment:RouteTableAttachment",
} as const;

const VPC = "alicloud:vpc/network:Network";
const VSWITCH = "alicloud:vpc/switch:Switch";
const NAT_IP_CIDR_PARENTS = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];
const MAX_NAT_GATEWAYS_PER_VPC = 5;
const MAX_NAT_IPS_PER_VPC_NAT_GATEWAY = 15;

function fail(code: string, message: string): never {
    throw new AlibabaApiError(code, message);
}

function range(text: unknown): { first: number; last: number; prefix: number; canonical: boolean } | undefined {
    if (typeof text !== "string" || !/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(text) || !ipaddr.IPv4.isValidCIDR(text)) {
        return undefined;
    }
    const [address, prefix] = ipaddr.IPv4.parseCIDR(text);
    const toInt = (a: ipaddr.IPv4) => a.octets.reduce((acc, o) => acc * 256 + o, 0);
    const first = toInt(ipaddr.IPv4.networkAddressFromCIDR(text));
    return { first, last: first + 2 ** (32 - prefix) - 1, prefix, canonical: toInt(address) === first };
}

function address(text: unknown): number | undefined {
    return typeof text === "string" && ipaddr.IPv4.isValidFourPartDecimal(text)
        ? ipaddr.IPv4.parse(text).octets.reduce((acc, o) => acc * 256 + o, 0)
        : undefined;
}

const inside = (outer: string, first: number, last: number) => {
    const o = range(outer);
    return !!o && o.first <= first && last <= o.last;
};
const overlapping = (a: string, b: string) => {
    const x = range(a);
    const y = range(b);
    return !!x && !!y && x.first <= y.last && y.first <= x.last;
};

function natGatewayOf(state: EmulatorState, id: unknown, code: string): RecordedResource {
    const found = typeof id === "string" ? state.findById(id) : undefined;
    if (!found || found.type !== NAT_TYPES.natGateway) {
        fail(code, `The specified NAT gateway (${String(id)}) does not exist.`);
    }
    return found;
}

function vpcOfNatGateway(state: EmulatorState, gateway: RecordedResource): RecordedResource | undefined {
    return state.findById(gateway.inputs.vpcId);
}

/** The gateway whose SNAT (or forward) table has this id. */
function gatewayOfTable(state: EmulatorState, tableId: unknown, field: "snatTableIds" | "forwardTableIds"): RecordedResource | undefined {
    return state
        .ofType(NAT_TYPES.natGateway)
        .find((g) => typeof tableId === "string" && String(g.outputs[field]).split(",").includes(tableId));
}

/** The NAT IPs recorded on a gateway. */
function natIpsOf(state: EmulatorState, gateway: RecordedResource): RecordedResource[] {
    return state.ofType(NAT_TYPES.natIp).filter((ip) => ip.inputs.natGatewayId === gateway.id);
}

/** The VPC a route table id belongs to: a VPC's system table or a custom table (vpc.RouteTable). */
export function vpcOfRouteTable(state: EmulatorState, routeTableId: unknown): RecordedResource | undefined {
    const custom = state.ofType(NAT_TYPES.routeTable).find((t) => t.id === routeTableId);
    return custom ? state.findById(custom.inputs.vpcId) : undefined;
}

/** CreateRouteEntry with NextHopType NatGateway: the NAT gateway must be in the route table's VPC (modelled on InvalidNextHop.NotFound). */
export function validateNatNextHop(inputs: Record<string, any>, vpc: RecordedResource, state: EmulatorState): void {
    const gateway = natGatewayOf(state, inputs.nexthopId, "InvalidNextHop.NotFound");
    if (gateway.inputs.vpcId !== vpc.id) {
        fail("InvalidNextHop.NotFound", `The NAT gateway ${gateway.id} is not in VPC ${vpc.id}.`);
    }
}

/** Throws the AlibabaApiError the API would return for a NAT resource, or returns silently (other types too). */
export function validateNat(type: string, inputs: Record<string, any>, state: EmulatorState): void {
    switch (type) {
        case NAT_TYPES.natGateway:
            return validateNatGateway(inputs, state);
        case NAT_TYPES.natIpCidr:
            return validateNatIpCidr(inputs, state);
        case NAT_TYPES.natIp:
            return validateNatIp(inputs, state);
        case NAT_TYPES.snatEntry:
            return validateSnatEntry(inputs, state);
        case NAT_TYPES.forwardEntry:
            return validateForwardEntry(inputs, state);
        case NAT_TYPES.routeTable:
            return validateRouteTable(inputs, state);
        case NAT_TYPES.routeTableAttachment:
            return validateAttachment(inputs, state);
    }
}

// CreateNatGateway.
function validateNatGateway(inputs: Record<string, any>, state: EmulatorState): void {
    const vpc = typeof inputs.vpcId === "string" ? state.findById(inputs.vpcId) : undefined;
    if (!vpc || vpc.type !== VPC) {
        fail("InvalidVpcId.NotFound", `The specified VPC (${inputs.vpcId}) does not exist.`);
    }
    if (inputs.networkType !== undefined && !["internet", "intranet"].includes(inputs.networkType)) {
        fail(
            "IllegalParam.NetworkType",
            `NetworkType ${inputs.networkType} is invalid. Valid values: internet, intranet. (provider: network_type)`,
        );
    }
    if (inputs.natType !== undefined && inputs.natType !== "Enhanced") {
        fail(
            "IllegalParam.NatType",
            `NatType ${inputs.natType} is invalid: only Enhanced NAT gateways can be created. (provider: nat_type, Normal refused since 1.137.0)`,
        );
    }
    // An enhanced NAT gateway lives in a vSwitch of its VPC (provider: vswitch_id; CreateNatGateway VSwitchId).
    const vswitch = typeof inputs.vswitchId === "string" ? state.findById(inputs.vswitchId) : undefined;
    if (!vswitch || vswitch.type !== VSWITCH) {
        fail("InvalidVSwitchId.NotFound", `The specified vSwitch (${inputs.vswitchId}) does not exist; an enhanced NAT gateway needs one.`);
    }
    if (vswitch.inputs.vpcId !== vpc.id) {
        fail("InvalidVSwitchId.NotBelongToVpc", `The vSwitch ${vswitch.id} is not in VPC ${vpc.id}. (modelled)`);
    }
    if (state.ofType(NAT_TYPES.natGateway).filter((g) => g.inputs.vpcId === vpc.id).length >= MAX_NAT_GATEWAYS_PER_VPC) {
        fail(
            "QuotaExceeded.NatGateway",
            `VPC ${vpc.id} already has ${MAX_NAT_GATEWAYS_PER_VPC} NAT gateways (natgw_quota_nat_num_per_vpc). (modelled code)`,
        );
    }
}

// CreateNatIpCidr: a private block, /16 to /32, outside the VPC, not overlapping the gateway's other NAT IP CIDRs.
function validateNatIpCidr(inputs: Record<string, any>, state: EmulatorState): void {
    const gateway = natGatewayOf(state, inputs.natGatewayId, "InvalidNatGatewayId.NotFound");
    if (gateway.inputs.networkType !== "intranet") {
        fail(
            "OperationUnsupported.NetworkType",
            `NAT IP CIDRs exist only on VPC NAT gateways (networkType intranet); ${gateway.id} is an Internet NAT gateway. (modelled)`,
        );
    }
    const cidr = inputs.natIpCidr;
    const block = range(cidr);
    if (!block || !block.canonical) {
        fail("IllegalParam.NatIpCidr", `The specified NatIpCidr (${cidr}) is not a valid CIDR block. (modelled)`);
    }
    if (!NAT_IP_CIDR_PARENTS.some((p) => inside(p, block.first, block.last)) || block.prefix < 16 || block.prefix > 32) {
        fail(
            "IllegalParam.NatIpCidr",
            `The NAT IP CIDR ${cidr} must lie inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 with a mask of /16 to /32 (CreateNatIpCidr; public blocks only inside a customer CIDR of the VPC). (modelled code)`,
        );
    }
    const vpc = vpcOfNatGateway(state, gateway);
    if (vpc && overlapping(cidr, vpc.inputs.cidrBlock)) {
        fail(
            "IllegalParam.NatIpCidr",
            `The NAT IP CIDR ${cidr} overlaps the VPC's ${vpc.inputs.cidrBlock} (CreateNatIpCidr: it must not). (modelled code)`,
        );
    }
    for (const other of state.ofType(NAT_TYPES.natIpCidr)) {
        if (other.inputs.natGatewayId === gateway.id && overlapping(other.inputs.natIpCidr, cidr)) {
            fail(
                "OperationFailed.NatIpCidrConflict",
                `The NAT IP CIDR ${cidr} overlaps ${other.inputs.natIpCidr} of ${gateway.id}. (modelled)`,
            );
        }
    }
    if (typeof inputs.natIpCidrName !== "string" || !/^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9._-]{1,127}$/.test(inputs.natIpCidrName)) {
        fail(
            "IllegalParam.NatIpCidrName",
            `NatIpCidrName ${inputs.natIpCidrName} must be 2 to 128 characters, start with a letter, and hold letters, digits, ".", "_", "-". (provider: nat_ip_cidr_name)`,
        );
    }
}

// CreateNatIp: inside a NAT IP CIDR of the gateway (or its vSwitch's block, the default NAT IP CIDR), a host address, unused, within the quota.
function validateNatIp(inputs: Record<string, any>, state: EmulatorState): void {
    const gateway = natGatewayOf(state, inputs.natGatewayId, "InvalidNatGatewayId.NotFound");
    const vswitch = state.findById(gateway.inputs.vswitchId);
    const cidrs = [
        ...state
            .ofType(NAT_TYPES.natIpCidr)
            .filter((c) => c.inputs.natGatewayId === gateway.id)
            .map((c) => c.inputs.natIpCidr as string),
        vswitch?.inputs.cidrBlock,
    ].filter(Boolean);
    if (inputs.natIpCidr !== undefined && !cidrs.includes(inputs.natIpCidr)) {
        fail(
            "InvalidNatIpCidr.NotFound",
            `The NAT IP CIDR ${inputs.natIpCidr} is not a NAT IP CIDR of ${gateway.id} (it has ${cidrs.join(", ")}). (modelled)`,
        );
    }
    const value = address(inputs.natIp);
    if (inputs.natIp !== undefined) {
        const block = range(inputs.natIpCidr ?? vswitch?.inputs.cidrBlock);
        if (value === undefined || !block || value < block.first || value > block.last) {
            fail("IllegalParam.NatIp", `The NAT IP ${inputs.natIp} is not an address of ${inputs.natIpCidr}. (modelled)`);
        }
        if (block.prefix < 31 && (value === block.first || value === block.last)) {
            fail("IllegalParam.NatIp", `The NAT IP ${inputs.natIp} is the network or broadcast address of ${inputs.natIpCidr}. (modelled)`);
        }
        if (natIpsOf(state, gateway).some((ip) => ip.inputs.natIp === inputs.natIp)) {
            fail("OperationConflict.NatIp", `The NAT IP ${inputs.natIp} already exists on ${gateway.id}. (modelled)`);
        }
    }
    if (natIpsOf(state, gateway).length >= MAX_NAT_IPS_PER_VPC_NAT_GATEWAY) {
        fail(
            "QuotaExceeded.NatIp",
            `${gateway.id} already has ${MAX_NAT_IPS_PER_VPC_NAT_GATEWAY} NAT IPs (natgw_quota_nat_ip_num_per_vpc_nat). (modelled code)`,
        );
    }
}

// CreateSnatEntry on a VPC NAT gateway: its own NAT IP; a source inside its VPC; each source once.
function validateSnatEntry(inputs: Record<string, any>, state: EmulatorState): void {
    const gateway = gatewayOfTable(state, inputs.snatTableId, "snatTableIds");
    if (!gateway) {
        fail("InvalidSnatTableId.NotFound", `The specified SNAT table (${inputs.snatTableId}) does not exist.`);
    }
    const ips = String(inputs.snatIp ?? "")
        .split(",")
        .filter(Boolean);
    const own = natIpsOf(state, gateway).map((ip) => ip.inputs.natIp);
    const foreign = ips.filter((ip) => !own.includes(ip));
    if (ips.length === 0 || foreign.length > 0) {
        fail("InvalidSnatIp.NotFound", `The SNAT IP ${foreign.join(", ") || "(none)"} is not a NAT IP of ${gateway.id}. (modelled)`);
    }
    if (inputs.sourceCidr === undefined && inputs.sourceVswitchId === undefined) {
        fail("MissingParameter", "SourceCIDR or SourceVSwitchId is mandatory for this action. (modelled)");
    }
    const vpc = vpcOfNatGateway(state, gateway);
    if (inputs.sourceCidr !== undefined) {
        const block = range(inputs.sourceCidr);
        if (!block || !block.canonical) {
            fail("IllegalParam.SourceCidr", `The specified SourceCIDR (${inputs.sourceCidr}) is invalid. (modelled)`);
        }
        if (vpc && !inside(vpc.inputs.cidrBlock, block.first, block.last)) {
            fail(
                "IllegalParam.SourceCidr",
                `The source ${inputs.sourceCidr} is outside the NAT gateway's VPC ${vpc.inputs.cidrBlock} (CreateSnatEntry: sources are in the NAT gateway's VPC). (modelled code)`,
            );
        }
    }
    for (const other of state.ofType(NAT_TYPES.snatEntry)) {
        if (
            other.inputs.snatTableId === inputs.snatTableId &&
            ((inputs.sourceCidr && other.inputs.sourceCidr === inputs.sourceCidr) ||
                (inputs.sourceVswitchId && other.inputs.sourceVswitchId === inputs.sourceVswitchId))
        ) {
            fail(
                "Forbidden.SourceCidr.AlreadyUsed",
                `The source ${inputs.sourceCidr ?? inputs.sourceVswitchId} already has an SNAT entry in ${inputs.snatTableId} (CreateSnatEntry: each source in one entry only). (modelled code)`,
            );
        }
    }
}

// CreateForwardEntry on a VPC NAT gateway: its own NAT IP, a target inside its VPC, "any" maps every port.
function validateForwardEntry(inputs: Record<string, any>, state: EmulatorState): void {
    const gateway = gatewayOfTable(state, inputs.forwardTableId, "forwardTableIds");
    if (!gateway) {
        fail("InvalidForwardTableId.NotFound", `The specified DNAT table (${inputs.forwardTableId}) does not exist.`);
    }
    if (!natIpsOf(state, gateway).some((ip) => ip.inputs.natIp === inputs.externalIp)) {
        fail("InvalidExternalIp.NotFound", `The external IP ${inputs.externalIp} is not a NAT IP of ${gateway.id}. (modelled)`);
    }
    if (!["tcp", "udp", "any"].includes(inputs.ipProtocol)) {
        fail("IllegalParam.IpProtocol", `IpProtocol ${inputs.ipProtocol} is invalid. Valid values: tcp, udp, any.`);
    }
    if (inputs.ipProtocol === "any" && (inputs.externalPort !== "any" || inputs.internalPort !== "any")) {
        fail("IllegalParam.Port", "With IpProtocol any (IP mapping), ExternalPort and InternalPort must be any.");
    }
    const vpc = vpcOfNatGateway(state, gateway);
    const target = address(inputs.internalIp);
    if (target === undefined || (vpc && !inside(vpc.inputs.cidrBlock, target, target))) {
        fail(
            "IllegalParam.InternalIp",
            `The internal IP ${inputs.internalIp} is not an address of the NAT gateway's VPC ${vpc?.inputs.cidrBlock}. (modelled code)`,
        );
    }
    for (const other of state.ofType(NAT_TYPES.forwardEntry)) {
        // CreateForwardEntry: "The combinations of IpProtocol, InternalIp, and InternalPort must be unique"
        // (https://www.alibabacloud.com/help/doc-detail/36058.htm).
        const same = (k: string) => other.inputs[k] === inputs[k];
        if (same("forwardTableId") && same("ipProtocol") && same("internalIp") && same("internalPort")) {
            fail(
                "Forbidden.InternalIp.AlreadyUsed",
                `${inputs.internalIp} (${inputs.ipProtocol}/${inputs.internalPort}) already has a DNAT entry in ${inputs.forwardTableId}: IpProtocol, InternalIp and InternalPort must be unique (CreateForwardEntry). (modelled code)`,
            );
        }
        if (
            other.inputs.forwardTableId === inputs.forwardTableId &&
            other.inputs.externalIp === inputs.externalIp &&
            (other.inputs.ipProtocol === "any" || inputs.ipProtocol === "any")
        ) {
            fail(
                "Forbidden.ExternalIp.AlreadyUsed",
                `The NAT IP ${inputs.externalIp} is already mapped by another DNAT entry; IP mapping (any) needs it alone. (modelled code)`,
            );
        }
    }
    if (
        state
            .ofType(NAT_TYPES.snatEntry)
            .some(
                (s) =>
                    gateway.outputs.snatTableIds === s.inputs.snatTableId && String(s.inputs.snatIp).split(",").includes(inputs.externalIp),
            )
    ) {
        fail(
            "Forbidden.ExternalIp.UsedBySnat",
            `The NAT IP ${inputs.externalIp} is the SNAT address; IP mapping needs an address of its own. (modelled)`,
        );
    }
}

// CreateRouteTable / AssociateRouteTable.
function validateRouteTable(inputs: Record<string, any>, state: EmulatorState): void {
    const vpc = typeof inputs.vpcId === "string" ? state.findById(inputs.vpcId) : undefined;
    if (!vpc || vpc.type !== VPC) {
        fail("InvalidVpcId.NotFound", `The specified VPC (${inputs.vpcId}) does not exist.`);
    }
    if (inputs.associateType !== undefined && !["VSwitch", "Gateway"].includes(inputs.associateType)) {
        fail("IllegalParam.AssociateType", `AssociateType ${inputs.associateType} is invalid. Valid values: VSwitch, Gateway.`);
    }
}

function validateAttachment(inputs: Record<string, any>, state: EmulatorState): void {
    const table = state.ofType(NAT_TYPES.routeTable).find((t) => t.id === inputs.routeTableId);
    if (!table) {
        fail("InvalidRouteTableId.NotFound", `The specified route table (${inputs.routeTableId}) does not exist.`);
    }
    const vswitch = typeof inputs.vswitchId === "string" ? state.findById(inputs.vswitchId) : undefined;
    if (!vswitch || vswitch.type !== VSWITCH) {
        fail("InvalidVSwitchId.NotFound", `The specified vSwitch (${inputs.vswitchId}) does not exist.`);
    }
    if (vswitch.inputs.vpcId !== table.inputs.vpcId) {
        fail("IncorrectVpcStatus", `The vSwitch ${vswitch.id} and the route table ${table.id} are in different VPCs. (modelled)`);
    }
    if (state.ofType(NAT_TYPES.routeTableAttachment).some((a) => a.inputs.vswitchId === vswitch.id)) {
        fail(
            "OperationFailed.VSwitchAlreadyAssociated",
            `The vSwitch ${vswitch.id} is already associated with a custom route table. (modelled)`,
        );
    }
}

/** The ids and outputs Alibaba (through the provider) returns for a NAT resource; undefined for other types. */
export function natOutputs(
    type: string,
    region: string,
    urn: string,
    inputs: Record<string, any>,
    state: EmulatorState,
): { id: string; outputs: Record<string, any> } | undefined {
    const id = (prefix: string) => resourceId(prefix, region, urn);
    switch (type) {
        case NAT_TYPES.natGateway: {
            const gatewayId = id("ngw");
            return {
                id: gatewayId,
                outputs: {
                    ...inputs,
                    natGatewayName: inputs.natGatewayName ?? "",
                    networkType: inputs.networkType ?? "internet",
                    natType: inputs.natType ?? "Enhanced",
                    paymentType: inputs.paymentType ?? "PayAsYouGo",
                    snatTableIds: resourceId("stb", region, `snat:${gatewayId}`),
                    forwardTableIds: resourceId("ftb", region, `forward:${gatewayId}`),
                    status: "Available",
                },
            };
        }
        case NAT_TYPES.natIpCidr:
            return { id: `${inputs.natGatewayId}:${inputs.natIpCidr}`, outputs: { ...inputs, status: "Available" } };
        case NAT_TYPES.natIp: {
            const natIpId = id("vpcnatip");
            return { id: `${inputs.natGatewayId}:${natIpId}`, outputs: { ...inputs, natIpId, status: "Available" } };
        }
        case NAT_TYPES.snatEntry: {
            const snatEntryId = id("snat");
            return { id: `${inputs.snatTableId}:${snatEntryId}`, outputs: { ...inputs, snatEntryId, status: "Available" } };
        }
        case NAT_TYPES.forwardEntry: {
            const forwardEntryId = id("fwd");
            return { id: `${inputs.forwardTableId}:${forwardEntryId}`, outputs: { ...inputs, forwardEntryId, status: "Available" } };
        }
        case NAT_TYPES.routeTable:
            return { id: id("vtb"), outputs: { ...inputs, status: "Available" } };
        case NAT_TYPES.routeTableAttachment:
            return { id: `${inputs.routeTableId}:${inputs.vswitchId}`, outputs: { ...inputs } };
    }
    return undefined;
}
