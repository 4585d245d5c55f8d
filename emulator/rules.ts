// What Alibaba Cloud's API refuses, checked on the inputs the provider would send.
// Error codes and messages follow the API references (CreateVpc, CreateVSwitch, CreateVpnGateway,
// CreateCustomerGateway, CreateVpnConnection, CreateVpnRouteEntry, CreateRouteEntry); where the reference
// gives none, the code is modelled on the product's naming and marked "modelled".
// This file re-states Alibaba's rules on raw resource inputs on purpose instead of reusing model/:
// the emulator must catch what the library gets wrong, not agree with it.
import * as ipaddr from "ipaddr.js";
import { CMS_TYPES, validateCms } from "./cms";
import { ECS_TYPES, validateEcs, validateInstanceNextHop } from "./ecs";
import { NAT_TYPES, validateNat, validateNatNextHop, vpcOfRouteTable } from "./nat";
import { AlibabaApiError, EmulatorState, RecordedResource } from "./state";
import { TLS_TYPES, validateTls } from "./tls";

export const TYPES = {
    provider: "pulumi:providers:alicloud",
    vpc: "alicloud:vpc/network:Network",
    vswitch: "alicloud:vpc/switch:Switch",
    gateway: "alicloud:vpn/gateway:Gateway",
    customerGateway: "alicloud:vpn/customerGateway:CustomerGateway",
    connection: "alicloud:vpn/connection:Connection",
    vpnRoute: "alicloud:vpn/routeEntry:RouteEntry",
    vpcRoute: "alicloud:vpc/routeEntry:RouteEntry",
    ...ECS_TYPES,
    ...TLS_TYPES,
    ...CMS_TYPES,
    ...NAT_TYPES,
} as const;

export interface CreateRequest {
    type: string;
    name: string;
    urn: string;
    region: string;
    inputs: Record<string, any>;
    dependencies: string[];
}

const ENC = ["aes", "aes192", "aes256", "des", "3des"];
const AUTH = ["md5", "sha1", "sha256", "sha384", "sha512"];
const DH = ["group1", "group2", "group5", "group14"];
const PUBLIC_BANDWIDTHS = [5, 10, 20, 50, 100, 200, 500, 1000];
const PRIVATE_BANDWIDTHS = [200, 1000];

function fail(code: string, message: string): never {
    throw new AlibabaApiError(code, message);
}

function parseBlock(text: unknown): { first: number; last: number; prefix: number; canonical: boolean } | undefined {
    if (typeof text !== "string" || !ipaddr.IPv4.isValidCIDR(text) || !/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(text)) {
        return undefined;
    }
    const [address, prefix] = ipaddr.IPv4.parseCIDR(text);
    const network = ipaddr.IPv4.networkAddressFromCIDR(text);
    const toInt = (a: ipaddr.IPv4) => a.octets.reduce((acc, o) => acc * 256 + o, 0);
    const first = toInt(network);
    return { first, last: first + 2 ** (32 - prefix) - 1, prefix, canonical: toInt(address) === first };
}

function overlap(a: string, b: string): boolean {
    const x = parseBlock(a);
    const y = parseBlock(b);
    return !!x && !!y && x.first <= y.last && y.first <= x.last;
}

function within(outer: string, inner: string): boolean {
    const o = parseBlock(outer);
    const i = parseBlock(inner);
    return !!o && !!i && o.first <= i.first && i.last <= o.last;
}

function requireExisting(state: EmulatorState, id: unknown, type: string, code: string, what: string): RecordedResource {
    const found = typeof id === "string" ? state.findById(id) : undefined;
    if (!found || found.type !== type) {
        fail(code, `The specified ${what} (${String(id)}) does not exist.`);
    }
    return found;
}

/** Every string in `value` (nested objects and lists included): candidate resource ids. */
function strings(value: unknown): string[] {
    if (typeof value === "string") {
        return [value];
    }
    if (Array.isArray(value)) {
        return value.flatMap(strings);
    }
    return value && typeof value === "object" ? Object.values(value).flatMap(strings) : [];
}

// The API is regional: a request sent to one region's endpoint cannot see another region's VPC, gateway
// or route table and answers "...NotFound". Catches a resource created with the wrong region's provider.
function requireSameRegion(request: CreateRequest, state: EmulatorState): void {
    if (!request.type.startsWith("alicloud:")) {
        return;
    }
    for (const value of strings(request.inputs)) {
        const routeTable = value.startsWith("vtb-");
        const referenced = routeTable ? state.ofType(TYPES.vpc).find((v) => v.outputs.routeTableId === value) : state.findById(value);
        // RAM is global: a role or policy is visible from every region's endpoint.
        if (referenced?.region && referenced.region !== request.region && !referenced.type.startsWith("alicloud:ram/")) {
            const what = routeTable ? "route table" : referenced.type.split(":").pop();
            fail(
                `${routeTable ? "InvalidRouteTableId" : "InvalidResourceId"}.NotFound`,
                `The specified ${what} (${value}) does not exist in region ${request.region}; it is in ${referenced.region}. Create ${request.name} with a provider for ${referenced.region}.`,
            );
        }
    }
}

/** Throws the AlibabaApiError the API would return for this create request, or returns silently. */
export function validateCreate(request: CreateRequest, state: EmulatorState): void {
    requireSameRegion(request, state);
    switch (request.type) {
        case TYPES.vpc:
            return validateVpc(request.inputs);
        case TYPES.vswitch:
            return validateVswitch(request, state);
        case TYPES.gateway:
            return validateGateway(request, state);
        case TYPES.customerGateway:
            return validateCustomerGateway(request.inputs);
        case TYPES.connection:
            return validateConnection(request, state);
        case TYPES.vpnRoute:
            return validateVpnRoute(request, state);
        case TYPES.vpcRoute:
            return validateVpcRoute(request, state);
        default:
            validateCms(request.type, request.inputs, state);
            validateNat(request.type, request.inputs, state);
            validateTls(request.type, request.inputs);
            return validateEcs(request.type, request.region, request.inputs, state);
    }
}

// CreateVpc: CidrBlock 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or their subnets (or a custom block
// outside 100.64.0.0/10, 224.0.0.0/4, 127.0.0.0/8, 169.254.0.0/16), mask /8 to /28.
function validateVpc(inputs: Record<string, any>): void {
    const cidr = inputs.cidrBlock;
    if (cidr === undefined) {
        return; // the API then picks 172.16.0.0/12
    }
    const block = parseBlock(cidr);
    if (!block || !block.canonical || block.prefix < 8 || block.prefix > 28) {
        fail("InvalidCidrBlock.Malformed", `Specified CIDR block (${cidr}) is not valid.`);
    }
    for (const reserved of ["100.64.0.0/10", "224.0.0.0/4", "127.0.0.0/8", "169.254.0.0/16", "0.0.0.0/8"]) {
        if (overlap(cidr, reserved)) {
            fail("InvalidCidrBlock.Malformed", `Specified CIDR block (${cidr}) overlaps the reserved block ${reserved}.`);
        }
    }
}

// CreateVSwitch: mask /16 to /29, inside the VPC, no overlap with a sibling vSwitch.
function validateVswitch(request: CreateRequest, state: EmulatorState): void {
    const { inputs } = request;
    const vpc = requireExisting(state, inputs.vpcId, TYPES.vpc, "InvalidVpcId.NotFound", "VPC");
    if (!inputs.zoneId) {
        fail("MissingParameter.ZoneId", "The input parameter ZoneId that is mandatory for processing this request is not supplied.");
    }
    // Zone ids extend the region id: cn-hangzhou-h, ap-northeast-1a.
    if (!String(inputs.zoneId).startsWith(request.region)) {
        fail("InvalidZoneId.NotFound", `The specified zone ${inputs.zoneId} does not exist in region ${request.region}.`);
    }
    const block = parseBlock(inputs.cidrBlock);
    if (!block || !block.canonical || block.prefix < 16 || block.prefix > 29) {
        fail("InvalidCidrBlock.Malformed", `Specified CIDR block (${inputs.cidrBlock}) is not valid.`);
    }
    const vpcCidr = vpc.outputs.cidrBlock ?? "172.16.0.0/12";
    if (!within(vpcCidr, inputs.cidrBlock)) {
        fail("InvalidParameter", `Specified CIDR block is not valid in VPC. ${inputs.cidrBlock} is not inside ${vpc.id} (${vpcCidr}).`);
    }
    for (const sibling of state.ofType(TYPES.vswitch)) {
        if (sibling.inputs.vpcId === inputs.vpcId && overlap(sibling.inputs.cidrBlock, inputs.cidrBlock)) {
            fail(
                "InvalidCidrBlock.Overlapped",
                `Specified CIDR block overlapped with other subnets. ${inputs.cidrBlock} overlaps ${sibling.id} (${sibling.inputs.cidrBlock}).`,
            );
        }
    }
}

// CreateVpnGateway: bandwidth from the public/private list, vSwitch in the VPC, the disaster-recovery
// vSwitch in another zone (dual-tunnel gateways).
function validateGateway(request: CreateRequest, state: EmulatorState): void {
    const { inputs } = request;
    requireExisting(state, inputs.vpcId, TYPES.vpc, "InvalidVpcId.NotFound", "VPC");
    const isPrivate = inputs.networkType === "private";
    const allowed = isPrivate ? PRIVATE_BANDWIDTHS : PUBLIC_BANDWIDTHS;
    if (!allowed.includes(inputs.bandwidth)) {
        fail("InvalidSpec.NotFound", `The specified Spec (bandwidth ${inputs.bandwidth} Mbps) is not valid. Valid values: ${allowed.join(", ")}.`);
    }
    const vswitch = inputs.vswitchId
        ? requireExisting(state, inputs.vswitchId, TYPES.vswitch, "InvalidVSwitchId.NotFound", "vSwitch")
        : undefined;
    if (vswitch && vswitch.inputs.vpcId !== inputs.vpcId) {
        fail("VSwitchNotBelongToVpc", `The vSwitch ${vswitch.id} does not belong to VPC ${inputs.vpcId}.`);
    }
    if (inputs.disasterRecoveryVswitchId) {
        const dr = requireExisting(state, inputs.disasterRecoveryVswitchId, TYPES.vswitch, "InvalidVSwitchId.NotFound", "disaster recovery vSwitch");
        if (!vswitch) {
            fail("MissingParameter.VSwitchId", "VSwitchId is mandatory when DisasterRecoveryVSwitchId is set.");
        }
        if (dr.inputs.vpcId !== inputs.vpcId) {
            fail("VSwitchNotBelongToVpc", `The vSwitch ${dr.id} does not belong to VPC ${inputs.vpcId}.`);
        }
        if (dr.inputs.zoneId === vswitch.inputs.zoneId) {
            fail(
                "IllegalParam.DisasterRecoveryVSwitchId",
                `The disaster recovery vSwitch must be in a different zone from the vSwitch (both are in ${dr.inputs.zoneId}). (modelled)`,
            );
        }
    }
}

function isPublicUnicast(address: unknown): boolean {
    if (typeof address !== "string" || !ipaddr.IPv4.isValidFourPartDecimal(address)) {
        return false;
    }
    const range = ipaddr.IPv4.parse(address).range();
    // RFC 5737 documentation blocks are "reserved" to ipaddr.js but stand in for public addresses in samples.
    const documentation = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"].some((b) => within(b, `${address}/32`));
    return range === "unicast" || documentation;
}

// CreateCustomerGateway: IpAddress must be a public IPv4 address; Asn 1..4294967295.
function validateCustomerGateway(inputs: Record<string, any>): void {
    if (!isPublicUnicast(inputs.ipAddress)) {
        fail("InvalidIpAddress", `The specified IpAddress (${inputs.ipAddress}) is invalid: a customer gateway needs a public IPv4 address.`);
    }
    if (inputs.asn !== undefined) {
        const asn = Number(inputs.asn);
        if (!Number.isInteger(asn) || asn < 1 || asn > 4294967295) {
            fail("IllegalParam.Asn", `The specified Asn (${inputs.asn}) is invalid. Valid values: 1 to 4294967295.`);
        }
    }
}

function validateSubnetList(field: "LocalSubnet" | "RemoteSubnet", blocks: unknown): void {
    if (!Array.isArray(blocks) || blocks.length < 1 || blocks.length > 10) {
        fail(`IllegalParam.${field}`, `The number of ${field} CIDR blocks must be between 1 and 10 (got ${Array.isArray(blocks) ? blocks.length : 0}).`);
    }
    for (const block of blocks) {
        if (!parseBlock(block)) {
            fail(`IllegalParam.${field}`, `The specified ${field} (${block}) is not a valid CIDR block.`);
        }
    }
}

function validateIke(ike: Record<string, any> | undefined, where: string): void {
    if (!ike) {
        return;
    }
    const oneOf = (field: string, value: unknown, allowed: string[]) => {
        if (value !== undefined && !allowed.includes(value as string)) {
            fail(`IllegalParam.${field}`, `${where}: the specified ${field} (${value}) is invalid. Valid values: ${allowed.join(", ")}.`);
        }
    };
    oneOf("IkeVersion", ike.ikeVersion, ["ikev1", "ikev2"]);
    oneOf("IkeMode", ike.ikeMode, ["main", "aggressive"]);
    oneOf("IkeEncAlg", ike.ikeEncAlg, ENC);
    oneOf("IkeAuthAlg", ike.ikeAuthAlg, AUTH);
    oneOf("IkePfs", ike.ikePfs, DH);
    lifetime("IkeLifetime", ike.ikeLifetime, where);
    if (ike.psk !== undefined && (typeof ike.psk !== "string" || ike.psk.length < 1 || ike.psk.length > 100 || /\s/.test(ike.psk))) {
        fail("IllegalParam.Psk", `${where}: the pre-shared key must be 1 to 100 characters without spaces.`);
    }
    for (const [field, value] of [
        ["LocalId", ike.ikeLocalId ?? ike.localId],
        ["RemoteId", ike.ikeRemoteId ?? ike.remoteId],
    ]) {
        if (value !== undefined && (typeof value !== "string" || value.length > 100)) {
            fail(`IllegalParam.${field}`, `${where}: ${field} may contain at most 100 characters.`);
        }
    }
}

function validateIpsec(ipsec: Record<string, any> | undefined, where: string): void {
    if (!ipsec) {
        return;
    }
    const oneOf = (field: string, value: unknown, allowed: string[]) => {
        if (value !== undefined && !allowed.includes(value as string)) {
            fail(`IllegalParam.${field}`, `${where}: the specified ${field} (${value}) is invalid. Valid values: ${allowed.join(", ")}.`);
        }
    };
    oneOf("IpsecEncAlg", ipsec.ipsecEncAlg, ENC);
    oneOf("IpsecAuthAlg", ipsec.ipsecAuthAlg, AUTH);
    oneOf("IpsecPfs", ipsec.ipsecPfs, ["disabled", ...DH]);
    lifetime("IpsecLifetime", ipsec.ipsecLifetime, where);
}

function lifetime(field: string, value: unknown, where: string): void {
    if (value !== undefined && (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 86400)) {
        fail(`IllegalParam.${field}`, `${where}: ${field} (${value}) must be an integer from 0 to 86400.`);
    }
}

/** True when the gateway accepts only dual-tunnel connections (it has a disaster-recovery vSwitch). */
export function isDualTunnelGateway(gateway: RecordedResource): boolean {
    return Boolean(gateway.inputs.disasterRecoveryVswitchId);
}

// CreateVpnConnection.
function validateConnection(request: CreateRequest, state: EmulatorState): void {
    const { inputs } = request;
    const gateway = requireExisting(state, inputs.vpnGatewayId, TYPES.gateway, "InvalidVpnGatewayInstanceId.NotFound", "VPN gateway");
    validateSubnetList("LocalSubnet", inputs.localSubnets);
    validateSubnetList("RemoteSubnet", inputs.remoteSubnets);

    if (isDualTunnelGateway(gateway)) {
        const tunnels = inputs.tunnelOptionsSpecifications;
        if (inputs.customerGatewayId !== undefined || inputs.ikeConfig !== undefined || inputs.ipsecConfig !== undefined) {
            fail(
                "OperationUnsupported.DualTunnel",
                `VPN gateway ${gateway.id} creates dual-tunnel connections: set TunnelOptionsSpecification instead of CustomerGatewayId/IkeConfig/IpsecConfig. (modelled)`,
            );
        }
        if (!Array.isArray(tunnels) || tunnels.length !== 2) {
            fail(
                "IllegalParam.TunnelOptionsSpecification",
                `A dual-tunnel connection needs exactly two TunnelOptionsSpecification entries (got ${Array.isArray(tunnels) ? tunnels.length : 0}).`,
            );
        }
        const roles = tunnels.map((t: any) => t.role).sort();
        if (roles[0] !== "master" || roles[1] !== "slave") {
            fail("IllegalParam.Role", `The two tunnels must have the roles master and slave (got ${roles.join(", ")}).`);
        }
        tunnels.forEach((tunnel: any, i: number) => {
            requireExisting(state, tunnel.customerGatewayId, TYPES.customerGateway, "InvalidCustomerGatewayInstanceId.NotFound", `customer gateway of tunnel ${i}`);
            validateIke(tunnel.tunnelIkeConfig, `tunnel ${tunnel.role}`);
            validateIpsec(tunnel.tunnelIpsecConfig, `tunnel ${tunnel.role}`);
        });
    } else {
        if (inputs.tunnelOptionsSpecifications !== undefined) {
            fail(
                "OperationUnsupported.TunnelOptions",
                `VPN gateway ${gateway.id} supports single-tunnel connections only: remove TunnelOptionsSpecification. (modelled)`,
            );
        }
        requireExisting(state, inputs.customerGatewayId, TYPES.customerGateway, "InvalidCustomerGatewayInstanceId.NotFound", "customer gateway");
        validateIke(inputs.ikeConfig, "IkeConfig");
        validateIpsec(inputs.ipsecConfig, "IpsecConfig");
    }

    // "CreateVpnConnection 接口不支持在同一 VPN 网关下并发创建 IPsec 连接" (CreateVpnConnection reference):
    // a connection that does not wait for an earlier one on the same gateway would be created concurrently.
    const waitsFor = new Set<string>();
    for (const dep of request.dependencies) {
        waitsFor.add(dep);
        state.transitiveDependencies(dep).forEach((urn) => waitsFor.add(urn));
    }
    for (const other of state.ofType(TYPES.connection)) {
        if (other.inputs.vpnGatewayId === inputs.vpnGatewayId && !waitsFor.has(other.urn)) {
            fail(
                "VpnGateway.Configuring",
                `The VPN gateway ${gateway.id} is being configured by connection ${other.name}; CreateVpnConnection calls on one gateway must not run concurrently (${request.name} does not depend on ${other.name}).`,
            );
        }
    }
}

function validateRouteDestination(dest: unknown, code: string): void {
    const block = parseBlock(dest);
    if (!block || !block.canonical) {
        fail(code, `The specified destination CIDR block (${dest}) is invalid.`);
    }
    if (dest === "0.0.0.0/0" || overlap(dest as string, "100.64.0.0/10")) {
        fail(code, `The destination CIDR block (${dest}) may not be 0.0.0.0/0 or overlap 100.64.0.0/10.`);
    }
}

// CreateVpnRouteEntry: destination-based route of the VPN gateway toward one of its connections.
function validateVpnRoute(request: CreateRequest, state: EmulatorState): void {
    const { inputs } = request;
    const gateway = requireExisting(state, inputs.vpnGatewayId, TYPES.gateway, "InvalidVpnGatewayInstanceId.NotFound", "VPN gateway");
    validateRouteDestination(inputs.routeDest, "IllegalParam.RouteDest");
    const connection = requireExisting(state, inputs.nextHop, TYPES.connection, "IllegalParam.NextHop", "next hop connection");
    if (connection.inputs.vpnGatewayId !== gateway.id) {
        fail("IllegalParam.NextHop", `The next hop ${connection.id} is not a connection of VPN gateway ${gateway.id}.`);
    }
    if (![0, 100].includes(inputs.weight)) {
        fail("IllegalParam.Weight", `The specified Weight (${inputs.weight}) is invalid. Valid values: 0, 100.`);
    }
    for (const other of state.ofType(TYPES.vpnRoute)) {
        if (other.inputs.vpnGatewayId === gateway.id && other.inputs.routeDest === inputs.routeDest && other.inputs.nextHop === inputs.nextHop) {
            fail("VpnRouteEntry.AlreadyExists", `A route to ${inputs.routeDest} via ${inputs.nextHop} already exists on ${gateway.id}.`);
        }
    }
}

// CreateRouteEntry: a custom route in a VPC route table.
function validateVpcRoute(request: CreateRequest, state: EmulatorState): void {
    const { inputs } = request;
    const vpc = state.ofType(TYPES.vpc).find((v) => v.outputs.routeTableId === inputs.routeTableId) ?? vpcOfRouteTable(state, inputs.routeTableId);
    if (!vpc) {
        fail("InvalidRouteTableId.NotFound", `The specified route table (${inputs.routeTableId}) does not exist.`);
    }
    const dest = inputs.destinationCidrblock;
    const block = parseBlock(dest);
    if (!block || !block.canonical) {
        fail("InvalidDestinationCidrBlock.Malformed", `The specified DestinationCidrBlock (${dest}) is invalid.`);
    }
    if (inputs.nexthopType === "VpnGateway") {
        const gateway = requireExisting(state, inputs.nexthopId, TYPES.gateway, "InvalidNextHop.NotFound", "next hop VPN gateway");
        if (gateway.inputs.vpcId !== vpc.id) {
            fail("InvalidNextHop.NotFound", `The VPN gateway ${gateway.id} is not in VPC ${vpc.id}.`);
        }
    }
    if (inputs.nexthopType === "Instance") {
        validateInstanceNextHop(inputs, vpc, state);
    }
    if (inputs.nexthopType === "NatGateway") {
        validateNatNextHop(inputs, vpc, state);
    }
    if (overlap(dest, vpc.outputs.cidrBlock) && within(vpc.outputs.cidrBlock, dest)) {
        for (const vsw of state.ofType(TYPES.vswitch)) {
            if (vsw.inputs.vpcId === vpc.id && overlap(vsw.inputs.cidrBlock, dest)) {
                fail("InvalidCidrBlock.Overlapped", `The destination ${dest} overlaps vSwitch ${vsw.id} (${vsw.inputs.cidrBlock}).`);
            }
        }
    }
    for (const other of state.ofType(TYPES.vpcRoute)) {
        if (other.inputs.routeTableId === inputs.routeTableId && other.inputs.destinationCidrblock === dest) {
            fail("RouterEntryConflict.Duplicated", `A route entry to ${dest} already exists in ${inputs.routeTableId}.`);
        }
    }
}
