// What Alibaba Cloud's API (and the provider's own schema validation, which runs before any call) refuses,
// checked on the inputs the provider would send. Error codes and messages follow the API references (CreateVpc,
// CreateVSwitch, CreateVpnGateway, CreateCustomerGateway, CreateVpnConnection, CreateVpnRouteEntry,
// CreateRouteEntry); where the reference gives none, the code is modelled on the product's naming and marked
// "modelled". Every rule names its source: a file and function of github.com/aliyun/terraform-provider-alicloud
// at commit 81c43b6727a09e9da37b3d88818c3ba5fa17fa14 (the provider @pulumi/alicloud bridges; "provider ..." below),
// or an Alibaba Cloud documentation page. Where the sources disagree or are silent, the request is accepted and
// a warning recorded in state.warnings instead (the plan prints them).
// This file re-states Alibaba's rules on raw resource inputs on purpose instead of reusing model/:
// the emulator must catch what the library gets wrong, not agree with it.
import * as ipaddr from "ipaddr.js";
import { validateBgpCreate } from "./bgp";
import { CMS_TYPES, validateCms } from "./cms";
import { CEN_TYPES, crossRegionReferenceAllowed, validateAttachmentNextHop, validateCen } from "./cen";
import { ECS_TYPES, validateEcs, validateInstanceNextHop } from "./ecs";
import { NAT_TYPES, validateNat, validateNatNextHop, vpcOfRouteTable } from "./nat";
import { AlibabaApiError, EmulatorState, RecordedResource } from "./state";
import { TLS_TYPES, validateTls } from "./tls";
import { isDualTunnelOnlyRegion, isSingleVpnZoneRegion, isZoneOfRegion, vpnGatewayZones } from "./zones";

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
    ...CEN_TYPES,
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

// CreateVpnConnection reference, IkeConfig/IpsecConfig:
// https://www.alibabacloud.com/help/en/vpn/sub-product-ipsec-vpn/developer-reference/api-vpc-2016-04-28-createvpnconnection-vpns
// sm4/sm3 only on national-standard (vpnType NationalStandard) gateways.
const ENC = ["aes", "aes192", "aes256", "des", "3des"];
const AUTH = ["md5", "sha1", "sha256", "sha384", "sha512"];
const DH = ["group1", "group2", "group5", "group14"];
// Provider website/docs/r/vpn_gateway.html.markdown, `bandwidth`: "If you want to create a public VPN gateway, the
// value is 5, 10, 20, 50, 100, 200, 500, or 1000. If you want to create a private VPN gateway, the value is 200 or 1000."
// The current CreateVpnGateway reference lists public 10, 100, 200, 500, 1000 only
// (https://www.alibabacloud.com/help/en/vpc/developer-reference/api-vpc-2016-04-28-createvpngateway):
// which of 5, 20, 50 are still sold, and where, is unknown; they are accepted with a warning.
const PUBLIC_BANDWIDTHS_CURRENT = [10, 100, 200, 500, 1000];
const PUBLIC_BANDWIDTHS_OLDER_ONLY = [5, 20, 50];
const PRIVATE_BANDWIDTHS = [200, 1000];
// CreateCustomerGateway reference, Asn (https://www.alibabacloud.com/help/en/vpn/sub-product-ipsec-vpn/developer-reference/api-vpc-2016-04-28-createcustomergateway-vpns):
// a 4-byte number, also written as two 16-bit halves "123.456" (= 123 × 65536 + 456). 45104 is Alibaba's own ASN
// (the provider's tunnel_bgp_config.local_asn default, website/docs/r/vpn_connection.html.markdown).
const ALIBABA_ASN = 45104;
// CreateVpnConnection reference, IkeConfig.Psk; provider website/docs/r/vpn_connection.html.markdown, ike_config.psk:
// "1 to 100 characters ... digits, letters, and the following special characters: ~!`@#$%^&*()_-+={}[]|;:',.<>/?".
const PSK_PATTERN = /^[A-Za-z0-9~!`@#$%^&*()_\-+={}[\]|;:',.<>/?]{1,100}$/;

/** Records that a request was accepted although the real API may refuse it; the plan prints these. */
function warn(request: CreateRequest, state: EmulatorState, message: string): void {
    state.warnings.push({ urn: request.urn, type: request.type, name: request.name, message });
}

/** The provider's StringInSlice(valid, true): a case-insensitive choice (provider alicloud/validators.go). */
function oneOfIgnoringCase(value: unknown, allowed: readonly string[]): boolean {
    return value === undefined || (typeof value === "string" && allowed.some((a) => a.toLowerCase() === value.toLowerCase()));
}

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
        if (
            referenced?.region &&
            referenced.region !== request.region &&
            !referenced.type.startsWith("alicloud:ram/") &&
            !crossRegionReferenceAllowed(request.type, referenced.type)
        ) {
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
    validateBgpCreate(request, state);
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
            validateCen(request.type, request.region, request.inputs, state);
            return validateEcs(request.type, request.region, request.inputs, state);
    }
}

// CreateVpc: CidrBlock 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or their subnets (or a custom block
// outside 100.64.0.0/10, 224.0.0.0/4, 127.0.0.0/8, 169.254.0.0/16), mask /8 to /28.
// Source: CreateVpc reference, CidrBlock: https://www.alibabacloud.com/help/en/vpc/api-createvpc
function validateVpc(inputs: Record<string, any>): void {
    const cidr = inputs.cidrBlock;
    if (cidr === undefined) {
        return; // the API then picks 172.16.0.0/12
    }
    const block = parseBlock(cidr);
    if (!block || !block.canonical || block.prefix < 8 || block.prefix > 28) {
        fail("InvalidCidrBlock.Malformed", `Specified CIDR block (${cidr}) is not valid.`);
    }
    // 0.0.0.0/8 is not in the reference's list (modelled: "this network", RFC 1122, cannot be a VPC's).
    for (const reserved of ["100.64.0.0/10", "224.0.0.0/4", "127.0.0.0/8", "169.254.0.0/16", "0.0.0.0/8"]) {
        if (overlap(cidr, reserved)) {
            fail("InvalidCidrBlock.Malformed", `Specified CIDR block (${cidr}) overlaps the reserved block ${reserved}.`);
        }
    }
}

// CreateVSwitch: a zone of the request's region, mask /16 to /29, inside the VPC, no overlap with a sibling vSwitch.
// Source: CreateVSwitch reference, ZoneId and CidrBlock: https://www.alibabacloud.com/help/en/virtual-private-cloud/latest/work-with-vswitches
function validateVswitch(request: CreateRequest, state: EmulatorState): void {
    const { inputs } = request;
    const vpc = requireExisting(state, inputs.vpcId, TYPES.vpc, "InvalidVpcId.NotFound", "VPC");
    if (!inputs.zoneId) {
        fail("MissingParameter.ZoneId", "The input parameter ZoneId that is mandatory for processing this request is not supplied.");
    }
    // Zone ids extend the region id by one letter: cn-hangzhou-h, ap-northeast-1a.
    if (!isZoneOfRegion(inputs.zoneId, request.region)) {
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

// CreateVpnGateway. Sources: provider alicloud/resource_alicloud_vpn_gateway.go,
// resourceAliCloudVPNGatewayVPNGateway (schema: network_type, payment_type, vpn_type, period validators) and
// website/docs/r/vpn_gateway.html.markdown (bandwidth; "At least one type of VPN should be enabled"); the zone table
// and dual-tunnel rules from the dual-tunnel page cited in zones.ts.
function validateGateway(request: CreateRequest, state: EmulatorState): void {
    const { inputs, region } = request;
    requireExisting(state, inputs.vpcId, TYPES.vpc, "InvalidVpcId.NotFound", "VPC");
    const choices: Array<[string, unknown, string[]]> = [
        ["NetworkType", inputs.networkType, ["public", "private"]],
        ["PaymentType", inputs.paymentType, ["Subscription", "PayAsYouGo", "PostPaid", "PrePaid"]],
        ["VpnType", inputs.vpnType, ["Normal", "NationalStandard"]],
    ];
    for (const [field, value, allowed] of choices) {
        if (!oneOfIgnoringCase(value, allowed)) {
            fail(`IllegalParam.${field}`, `The specified ${field} (${value}) is invalid. Valid values: ${allowed.join(", ")}.`);
        }
    }
    if (inputs.period !== undefined && !(Number.isInteger(inputs.period) && ((inputs.period >= 1 && inputs.period <= 9) || [12, 24, 36].includes(inputs.period)))) {
        fail("IllegalParam.Period", `The specified Period (${inputs.period}) is invalid. Valid values: 1 to 9, 12, 24, 36 (months).`);
    }
    if (inputs.enableIpsec === false && inputs.enableSsl !== true) {
        fail("IllegalParam.EnableIpsec", "At least one of EnableIpsec and EnableSsl must be true: a gateway with neither has nothing to serve. (modelled)");
    }
    const isPrivate = String(inputs.networkType ?? "public").toLowerCase() === "private";
    if (isPrivate && !PRIVATE_BANDWIDTHS.includes(inputs.bandwidth)) {
        fail("InvalidSpec.NotFound", `The specified Spec (bandwidth ${inputs.bandwidth} Mbps) is not valid. Valid values: ${PRIVATE_BANDWIDTHS.join(", ")}.`);
    }
    if (!isPrivate && !PUBLIC_BANDWIDTHS_CURRENT.includes(inputs.bandwidth)) {
        if (!PUBLIC_BANDWIDTHS_OLDER_ONLY.includes(inputs.bandwidth)) {
            const all = [...PUBLIC_BANDWIDTHS_OLDER_ONLY, ...PUBLIC_BANDWIDTHS_CURRENT].sort((a, b) => a - b);
            fail("InvalidSpec.NotFound", `The specified Spec (bandwidth ${inputs.bandwidth} Mbps) is not valid. Valid values: ${all.join(", ")}.`);
        }
        warn(
            request,
            state,
            `bandwidth ${inputs.bandwidth} Mbit/s is listed by the provider's docs (5, 10, 20, 50, 100, 200, 500, 1000) but not by the current ` +
                `CreateVpnGateway reference (10, 100, 200, 500, 1000); whether ${region} still sells it is unknown: check the console, or choose 10.`,
        );
    }
    const vswitch = inputs.vswitchId
        ? requireExisting(state, inputs.vswitchId, TYPES.vswitch, "InvalidVSwitchId.NotFound", "vSwitch")
        : undefined;
    if (vswitch && vswitch.inputs.vpcId !== inputs.vpcId) {
        fail("VSwitchNotBelongToVpc", `The vSwitch ${vswitch.id} does not belong to VPC ${inputs.vpcId}.`);
    }
    const zones = vpnGatewayZones(region);
    const requireVpnZone = (vsw: RecordedResource, what: string) => {
        if (zones && !zones.includes(vsw.inputs.zoneId)) {
            fail(
                "InvalidZoneId.NotSupported",
                `The ${what} ${vsw.id} is in zone ${vsw.inputs.zoneId}, where VPN gateways are not sold. VPN zones of ${region}: ${zones.join(", ")}. (modelled)`,
            );
        }
    };
    if (vswitch) {
        requireVpnZone(vswitch, "vSwitch");
    }
    // "By default, after you purchase a VPN gateway, you can create only dual-tunnel IPsec-VPN connections" in these
    // regions, and a dual-tunnel gateway takes two vSwitches (dual-tunnel page, zones.ts).
    if (!inputs.disasterRecoveryVswitchId && isDualTunnelOnlyRegion(region) && inputs.enableIpsec !== false) {
        fail(
            "MissingParameter.DisasterRecoveryVSwitchId",
            `New VPN gateways in ${region} are dual-tunnel: DisasterRecoveryVSwitchId is required (a vSwitch in a second zone). (modelled)`,
        );
    }
    if (inputs.disasterRecoveryVswitchId) {
        const dr = requireExisting(state, inputs.disasterRecoveryVswitchId, TYPES.vswitch, "InvalidVSwitchId.NotFound", "disaster recovery vSwitch");
        if (!vswitch) {
            fail("MissingParameter.VSwitchId", "VSwitchId is mandatory when DisasterRecoveryVSwitchId is set.");
        }
        if (dr.inputs.vpcId !== inputs.vpcId) {
            fail("VSwitchNotBelongToVpc", `The vSwitch ${dr.id} does not belong to VPC ${inputs.vpcId}.`);
        }
        requireVpnZone(dr, "disaster recovery vSwitch");
        // "If only one zone in a region supports the dual-tunnel mode ... You can specify the same vSwitch."
        if (dr.inputs.zoneId === vswitch.inputs.zoneId && !isSingleVpnZoneRegion(region)) {
            fail(
                "IllegalParam.DisasterRecoveryVSwitchId",
                `The disaster recovery vSwitch must be in a different zone from the vSwitch (both are in ${dr.inputs.zoneId}). (modelled)`,
            );
        }
    }
}

function ipv4Range(address: unknown): string | undefined {
    if (typeof address !== "string" || !ipaddr.IPv4.isValidFourPartDecimal(address)) {
        return undefined;
    }
    // RFC 5737 documentation blocks are "reserved" to ipaddr.js but stand in for public addresses in samples.
    const documentation = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"].some((b) => within(b, `${address}/32`));
    return documentation ? "unicast" : ipaddr.IPv4.parse(address).range();
}

/** True for a public unicast IPv4 address (documentation blocks included). */
function isPublicUnicast(address: unknown): boolean {
    return ipv4Range(address) === "unicast";
}

/** The ASN as a number: "65530", 65530, or the two-halves form "123.456"; undefined when it is neither. */
export function parseAsn(asn: unknown): number | undefined {
    const text = String(asn);
    const dotted = /^(\d{1,5})\.(\d{1,5})$/.exec(text);
    if (dotted) {
        const [high, low] = [Number(dotted[1]), Number(dotted[2])];
        return high <= 65535 && low <= 65535 ? high * 65536 + low : undefined;
    }
    return /^\d{1,10}$/.test(text) ? Number(text) : undefined;
}

// CreateCustomerGateway: IpAddress a unicast IPv4 address (public for IPsec over the Internet; private addresses
// serve private-network connections, so they are refused where a public gateway uses them, in validateConnection);
// Asn 1..4294967295, also as "high.low", never Alibaba's own 45104. Source: CreateCustomerGateway reference (see ALIBABA_ASN).
function validateCustomerGateway(inputs: Record<string, any>): void {
    const range = ipv4Range(inputs.ipAddress);
    if (range !== "unicast" && range !== "private") {
        fail("InvalidIpAddress", `The specified IpAddress (${inputs.ipAddress}) is invalid: a customer gateway needs a unicast IPv4 address.`);
    }
    if (inputs.asn !== undefined) {
        const asn = parseAsn(inputs.asn);
        if (asn === undefined || asn < 1 || asn > 4294967295) {
            fail("IllegalParam.Asn", `The specified Asn (${inputs.asn}) is invalid. Valid values: 1 to 4294967295, or two 16-bit halves such as 123.456.`);
        }
        if (asn === ALIBABA_ASN) {
            fail("IllegalParam.Asn", `The specified Asn (${inputs.asn}) is Alibaba Cloud's own ASN ${ALIBABA_ASN} and cannot be a customer gateway's. (modelled)`);
        }
    }
}

function validateSubnetList(field: "LocalSubnet" | "RemoteSubnet", blocks: unknown): void {
    if (!Array.isArray(blocks) || blocks.length < 1 || blocks.length > 10) {
        fail(`IllegalParam.${field}`, `The number of ${field} CIDR blocks must be between 1 and 10 (got ${Array.isArray(blocks) ? blocks.length : 0}).`);
    }
    for (const block of blocks) {
        const parsed = parseBlock(block);
        if (!parsed) {
            fail(`IllegalParam.${field}`, `The specified ${field} (${block}) is not a valid CIDR block.`);
        }
        // Provider alicloud/validators.go, validateCIDRNetworkAddress (local_subnet/remote_subnet's ValidateFunc in
        // alicloud/resource_alicloud_vpn_connection.go): the block must be written as its network address.
        if (!parsed.canonical) {
            const network = `${ipaddr.IPv4.networkAddressFromCIDR(block as string).toString()}/${parsed.prefix}`;
            fail(`IllegalParam.${field}`, `"${field}" must contain a valid network CIDR, expected "${network}", got "${block}".`);
        }
    }
}

function validateIke(ike: Record<string, any> | undefined, where: string, national: boolean): void {
    if (!ike) {
        return;
    }
    const enc = national ? [...ENC, "sm4"] : ENC;
    const auth = national ? [...AUTH, "sm3"] : AUTH;
    const oneOf = (field: string, value: unknown, allowed: string[]) => {
        if (value !== undefined && !allowed.includes(value as string)) {
            fail(`IllegalParam.${field}`, `${where}: the specified ${field} (${value}) is invalid. Valid values: ${allowed.join(", ")}.`);
        }
    };
    oneOf("IkeVersion", ike.ikeVersion, ["ikev1", "ikev2"]);
    oneOf("IkeMode", ike.ikeMode, ["main", "aggressive"]);
    oneOf("IkeEncAlg", ike.ikeEncAlg, enc);
    oneOf("IkeAuthAlg", ike.ikeAuthAlg, auth);
    oneOf("IkePfs", ike.ikePfs, DH);
    lifetime("IkeLifetime", ike.ikeLifetime, where);
    if (ike.psk !== undefined && (typeof ike.psk !== "string" || !PSK_PATTERN.test(ike.psk))) {
        fail("IllegalParam.Psk", `${where}: the pre-shared key must be 1 to 100 letters, digits or ~!\`@#$%^&*()_-+={}[]|;:',.<>/? characters.`);
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

function validateIpsec(ipsec: Record<string, any> | undefined, where: string, national: boolean): void {
    if (!ipsec) {
        return;
    }
    const enc = national ? [...ENC, "sm4"] : ENC;
    const auth = national ? [...AUTH, "sm3"] : AUTH;
    const oneOf = (field: string, value: unknown, allowed: string[]) => {
        if (value !== undefined && !allowed.includes(value as string)) {
            fail(`IllegalParam.${field}`, `${where}: the specified ${field} (${value}) is invalid. Valid values: ${allowed.join(", ")}.`);
        }
    };
    oneOf("IpsecEncAlg", ipsec.ipsecEncAlg, enc);
    oneOf("IpsecAuthAlg", ipsec.ipsecAuthAlg, auth);
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

// BGP of a connection or a tunnel. Source: provider website/docs/r/vpn_connection.html.markdown, bgp_config.tunnel_cidr
// and tunnel_bgp_config ("must fall within the 169.254.0.0/16 range. The subnet mask ... must be 30 bits";
// local_asn "Valid values: 1 to 4294967295").
function validateBgp(bgp: Record<string, any> | undefined, where: string): void {
    if (!bgp) {
        return;
    }
    if (bgp.tunnelCidr !== undefined) {
        const block = parseBlock(bgp.tunnelCidr);
        if (!block || !block.canonical || block.prefix !== 30 || !within("169.254.0.0/16", bgp.tunnelCidr)) {
            fail("IllegalParam.TunnelCidr", `${where}: the specified TunnelCidr (${bgp.tunnelCidr}) must be a /30 network inside 169.254.0.0/16.`);
        }
        if (bgp.localBgpIp !== undefined && !(ipaddr.IPv4.isValidFourPartDecimal(String(bgp.localBgpIp)) && within(bgp.tunnelCidr, `${bgp.localBgpIp}/32`))) {
            fail("IllegalParam.LocalBgpIp", `${where}: the specified LocalBgpIp (${bgp.localBgpIp}) must be an address of TunnelCidr ${bgp.tunnelCidr}.`);
        }
    }
    if (bgp.localAsn !== undefined) {
        const asn = parseAsn(bgp.localAsn);
        if (asn === undefined || asn < 1 || asn > 4294967295) {
            fail("IllegalParam.LocalAsn", `${where}: the specified LocalAsn (${bgp.localAsn}) is invalid. Valid values: 1 to 4294967295.`);
        }
    }
}

// CreateVpnConnection. Sources: the CreateVpnConnection reference
// (https://www.alibabacloud.com/help/en/vpn/sub-product-ipsec-vpn/developer-reference/api-vpc-2016-04-28-createvpnconnection-vpns)
// and provider alicloud/resource_alicloud_vpn_connection.go, resourceAliCloudVPNGatewayVpnConnection (schema) and
// resourceAliCloudVPNGatewayVpnConnectionCreate (what is sent).
function validateConnection(request: CreateRequest, state: EmulatorState): void {
    const { inputs } = request;
    const gateway = requireExisting(state, inputs.vpnGatewayId, TYPES.gateway, "InvalidVpnGatewayInstanceId.NotFound", "VPN gateway");
    const national = String(gateway.inputs.vpnType ?? "Normal").toLowerCase() === "nationalstandard";
    const publicGateway = String(gateway.inputs.networkType ?? "public").toLowerCase() === "public";
    validateSubnetList("LocalSubnet", inputs.localSubnets);
    validateSubnetList("RemoteSubnet", inputs.remoteSubnets);
    validateBgp(inputs.bgpConfig, "BgpConfig");
    // A public gateway reaches its peers over the Internet: a customer gateway on a private address cannot answer.
    const requirePublicPeer = (cgw: RecordedResource) => {
        if (publicGateway && !isPublicUnicast(cgw.inputs.ipAddress)) {
            fail(
                "IllegalParam.CustomerGatewayId",
                `The customer gateway ${cgw.id} has the private address ${cgw.inputs.ipAddress}; a public VPN gateway needs a peer with a public IP address. (modelled)`,
            );
        }
    };

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
            const cgw = requireExisting(state, tunnel.customerGatewayId, TYPES.customerGateway, "InvalidCustomerGatewayInstanceId.NotFound", `customer gateway of tunnel ${i}`);
            requirePublicPeer(cgw);
            validateIke(tunnel.tunnelIkeConfig, `tunnel ${tunnel.role}`, national);
            validateIpsec(tunnel.tunnelIpsecConfig, `tunnel ${tunnel.role}`, national);
        });
        // The provider sends these top-level fields whenever they are set; the reference documents them for
        // single-tunnel connections and the per-tunnel fields for dual-tunnel ones. Whether the API refuses or
        // ignores them on a dual-tunnel connection is not documented: accepted with a warning.
        const topLevel = ["healthCheckConfig", "bgpConfig", "enableDpd", "enableNatTraversal"].filter((k) => inputs[k] !== undefined);
        if (topLevel.length > 0) {
            warn(
                request,
                state,
                `${topLevel.join(", ")} set at the top level of a dual-tunnel connection: the API documents them for single-tunnel connections ` +
                    "(per tunnel: enableDpd, enableNatTraversal, tunnelBgpConfig); whether it refuses or ignores them here is unknown.",
            );
        }
    } else {
        if (inputs.tunnelOptionsSpecifications !== undefined) {
            fail(
                "OperationUnsupported.TunnelOptions",
                `VPN gateway ${gateway.id} supports single-tunnel connections only: remove TunnelOptionsSpecification. (modelled)`,
            );
        }
        const cgw = requireExisting(state, inputs.customerGatewayId, TYPES.customerGateway, "InvalidCustomerGatewayInstanceId.NotFound", "customer gateway");
        requirePublicPeer(cgw);
        validateIke(inputs.ikeConfig, "IkeConfig", national);
        validateIpsec(inputs.ipsecConfig, "IpsecConfig", national);
    }
    // enableTunnelsBgp and each tunnel's BGP (format, unique /30s, the customer gateway's ASN): emulator/bgp.ts.

    // "CreateVpnConnection 接口不支持在同一 VPN 网关下并发创建 IPsec 连接" (CreateVpnConnection reference):
    // a connection that does not wait for an earlier one on the same gateway would be created concurrently.
    // The provider retries VpnGateway.Configuring only within its create timeout (resourceAliCloudVPNGatewayVpnConnectionCreate).
    const waitsFor = waitedFor(request, state);
    for (const other of state.ofType(TYPES.connection)) {
        if (other.inputs.vpnGatewayId === inputs.vpnGatewayId && !waitsFor.has(other.urn)) {
            fail(
                "VpnGateway.Configuring",
                `The VPN gateway ${gateway.id} is being configured by connection ${other.name}; CreateVpnConnection calls on one gateway must not run concurrently (${request.name} does not depend on ${other.name}).`,
            );
        }
    }
}

/** Every URN `request` waits for, directly or through other resources. */
function waitedFor(request: CreateRequest, state: EmulatorState): Set<string> {
    const waitsFor = new Set<string>();
    for (const dep of request.dependencies) {
        waitsFor.add(dep);
        state.transitiveDependencies(dep).forEach((urn) => waitsFor.add(urn));
    }
    return waitsFor;
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
// Sources: CreateVpnRouteEntry reference (RouteDest, Weight 0|100, PublishVpc required):
// https://www.alibabacloud.com/help/en/doc-detail/127250.html
// and provider alicloud/resource_alicloud_vpn_route_entry.go, resourceAliyunVpnRouteEntry (weight IntInSlice 0, 100;
// publish_vpc Required) and resourceAliyunVpnRouteEntryCreate (retries VpnGateway.Configuring / VpnTask.CONFLICT only
// within its timeout: route entries of one gateway are configured one at a time, like connections).
function validateVpnRoute(request: CreateRequest, state: EmulatorState): void {
    const { inputs } = request;
    const gateway = requireExisting(state, inputs.vpnGatewayId, TYPES.gateway, "InvalidVpnGatewayInstanceId.NotFound", "VPN gateway");
    if (typeof inputs.publishVpc !== "boolean") {
        fail("MissingParameter.PublishVpc", "The input parameter PublishVpc that is mandatory for processing this request is not supplied.");
    }
    validateRouteDestination(inputs.routeDest, "IllegalParam.RouteDest");
    const connection = requireExisting(state, inputs.nextHop, TYPES.connection, "IllegalParam.NextHop", "next hop connection");
    if (connection.inputs.vpnGatewayId !== gateway.id) {
        fail("IllegalParam.NextHop", `The next hop ${connection.id} is not a connection of VPN gateway ${gateway.id}.`);
    }
    if (![0, 100].includes(inputs.weight)) {
        fail("IllegalParam.Weight", `The specified Weight (${inputs.weight}) is invalid. Valid values: 0, 100.`);
    }
    const waitsFor = waitedFor(request, state);
    for (const other of state.ofType(TYPES.vpnRoute)) {
        if (other.inputs.vpnGatewayId === gateway.id && other.inputs.routeDest === inputs.routeDest && other.inputs.nextHop === inputs.nextHop) {
            fail("VpnRouteEntry.AlreadyExists", `A route to ${inputs.routeDest} via ${inputs.nextHop} already exists on ${gateway.id}.`);
        }
        if (other.inputs.vpnGatewayId === gateway.id && !waitsFor.has(other.urn)) {
            fail(
                "VpnGateway.Configuring",
                `The VPN gateway ${gateway.id} is being configured by route entry ${other.name}; CreateVpnRouteEntry calls on one gateway must not run concurrently (${request.name} does not depend on ${other.name}).`,
            );
        }
    }
}

// Provider website/docs/r/route_entry.html.markdown, nexthop_type: "Valid values".
const NEXTHOP_TYPES = [
    "Instance",
    "HaVip",
    "RouterInterface",
    "NetworkInterface",
    "VpnGateway",
    "IPv6Gateway",
    "NatGateway",
    "Attachment",
    "VpcPeer",
    "Ipv4Gateway",
    "GatewayEndpoint",
    "Ecr",
];

// CreateRouteEntry: a custom route in a VPC route table. Sources: the CreateRouteEntry reference
// (https://www.alibabacloud.com/help/en/virtual-private-cloud/latest/createrouteentry and, newer, the Chinese
// https://api.aliyun.com/document/Vpc/2016-04-28/CreateRouteEntry of 2024-06-19) and provider
// alicloud/resource_alicloud_route_entry.go, resourceAliyunRouteEntry (name StringLenBetween(2, 128)),
// resourceAliyunRouteEntryCreate (RouterEntryConflict.Duplicated is final; routeEntryTaskLock serializes the
// provider's own CreateRouteEntry calls, so concurrent VPC routes are not refused here).
// The references agree that the destination may not be 100.64.0.0/10 itself, nor equal to or inside a vSwitch block,
// and must be unique in the table. They disagree on a destination inside 100.64.0.0/10 (the English reference refuses
// it; the 2024 Chinese one allows it, warning that it breaks Alibaba's services in the VPC) and on one containing a
// vSwitch block (refused by one English version, allowed by the others): those are accepted with a warning.
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
    if (dest === "100.64.0.0/10") {
        fail("InvalidDestinationCidrBlock.Malformed", "The specified DestinationCidrBlock (100.64.0.0/10) is the block Alibaba reserves for its own services.");
    }
    // Warnings wait until nothing refuses the request: a refused request needs none.
    const notes: string[] = [];
    if (within("100.64.0.0/10", dest)) {
        notes.push(
            `destination ${dest} is inside 100.64.0.0/10: the English CreateRouteEntry reference refuses it, the 2024 Chinese one accepts it but warns ` +
                "that it can break Alibaba's services in the VPC (DNS 100.100.2.136, metadata 100.100.100.200); which the API does now is unknown.",
        );
    }
    for (const vsw of state.ofType(TYPES.vswitch)) {
        if (vsw.inputs.vpcId !== vpc.id) {
            continue;
        }
        if (within(vsw.inputs.cidrBlock, dest)) {
            fail("InvalidCidrBlock.Overlapped", `The destination ${dest} is the block of vSwitch ${vsw.id} (${vsw.inputs.cidrBlock}) or inside it. (modelled)`);
        }
        if (within(dest, vsw.inputs.cidrBlock)) {
            notes.push(
                `destination ${dest} contains vSwitch ${vsw.id} (${vsw.inputs.cidrBlock}): the current references allow a route that contains a vSwitch block, ` +
                    "one English version refuses it; unknown.",
            );
        }
    }
    if (inputs.name !== undefined && (typeof inputs.name !== "string" || inputs.name.length < 2 || inputs.name.length > 128)) {
        fail("IllegalParam.RouteEntryName", `The route entry name must be 2 to 128 characters long (got ${JSON.stringify(inputs.name)}).`);
    }
    if (inputs.nexthopType !== undefined && !NEXTHOP_TYPES.includes(inputs.nexthopType)) {
        fail("InvalidNextHopType", `The specified NextHopType (${inputs.nexthopType}) is invalid. Valid values: ${NEXTHOP_TYPES.join(", ")}.`);
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
    if (inputs.nexthopType === "Attachment") {
        validateAttachmentNextHop(inputs, vpc, state);
    }
    if (inputs.nexthopType === "NatGateway") {
        validateNatNextHop(inputs, vpc, state);
    }
    for (const other of state.ofType(TYPES.vpcRoute)) {
        if (other.inputs.routeTableId === inputs.routeTableId && other.inputs.destinationCidrblock === dest) {
            fail("RouterEntryConflict.Duplicated", `A route entry to ${dest} already exists in ${inputs.routeTableId}.`);
        }
    }
    notes.forEach((note) => warn(request, state, note));
}
