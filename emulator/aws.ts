// AWS Site-to-Site VPN in the emulator: the @pulumi/aws resources a cloud link creates, with AWS's id shapes
// (vgw-, cgw-, vpn- and 17 hexadecimal digits), the outputs the provider reports (each tunnel's outside address,
// inside addresses, pre-shared key) and the refusals the EC2 API documents. Like rules.ts it restates AWS's rules on
// raw inputs instead of reusing model/clouds, so it catches what the library gets wrong.
// Sources: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpnTunnelOptionsSpecification.html (tunnel
// options), https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpnConnection.html,
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateCustomerGateway.html,
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html (error codes), and the provider's
// schema (@pulumi/aws 7.48.0 ec2/vpnConnection.d.ts). Codes the references do not give are marked "modelled".
import { createHash } from "crypto";
import * as ipaddr from "ipaddr.js";
import { AWS_RESERVED_INSIDE_CIDRS } from "../model/clouds/aws";
import { PeerCloudEmulator } from "./peerClouds";
import { AlibabaApiError, EmulatorState, RecordedResource } from "./state";

export const AWS_TYPES = {
    provider: "pulumi:providers:aws",
    vpnGateway: "aws:ec2/vpnGateway:VpnGateway",
    customerGateway: "aws:ec2/customerGateway:CustomerGateway",
    vpnConnection: "aws:ec2/vpnConnection:VpnConnection",
    vpnConnectionRoute: "aws:ec2/vpnConnectionRoute:VpnConnectionRoute",
    routePropagation: "aws:ec2/vpnGatewayRoutePropagation:VpnGatewayRoutePropagation",
    transitGatewayRoute: "aws:ec2transitgateway/route:Route",
} as const;

export function isAwsType(type: string): boolean {
    return type.startsWith("aws:") || type === AWS_TYPES.provider;
}

/** An error as the EC2 API returns it (Code, Message). */
export class AwsApiError extends AlibabaApiError {
    constructor(code: string, message: string) {
        super(code, message, 400);
        this.name = "AwsApiError";
    }
}

function fail(code: string, message: string): never {
    throw new AwsApiError(code, message);
}

/** Regions of @pulumi/aws 7.48.0's Region enum (types/enums/index.d.ts); the provider refuses others. */
const REGIONS = new Set([
    "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-south-2",
    "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
    "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2",
    "eu-west-3", "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1", "us-east-1", "us-east-2", "us-west-1",
    "us-west-2", "cn-north-1", "cn-northwest-1", "eusc-de-east-1", "us-gov-east-1", "us-gov-west-1",
]);

const ENCRYPTION = ["AES128", "AES256", "AES128-GCM-16", "AES256-GCM-16"];
const INTEGRITY = ["SHA1", "SHA2-256", "SHA2-384", "SHA2-512"];
const PHASE1_DH = [2, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24];
const PHASE2_DH = [2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24];
// The reserved /30s, from the one list the planner checks too (model/clouds/aws.ts, with its source).
const RESERVED_INSIDE = AWS_RESERVED_INSIDE_CIDRS;

/** The region an AWS resource lives in: its own `region` input (provider v7), else its provider's. */
export function awsRegion(inputs: Record<string, any>, providerRegion: string | undefined): string {
    return inputs.region ?? providerRegion ?? "us-east-1";
}

/** "vgw-" and 17 hexadecimal digits, derived from the URN (the same program gets the same ids). */
export function awsId(prefix: string, seed: string): string {
    return `${prefix}-0${createHash("sha256").update(seed).digest("hex").slice(0, 16)}`;
}

function block(text: unknown): { first: number; last: number; prefix: number } | undefined {
    if (typeof text !== "string" || !ipaddr.IPv4.isValidCIDR(text)) {
        return undefined;
    }
    const [, prefix] = ipaddr.IPv4.parseCIDR(text);
    const first = ipaddr.IPv4.networkAddressFromCIDR(text)
        .toByteArray()
        .reduce((a, o) => a * 256 + o, 0);
    return { first, last: first + 2 ** (32 - prefix) - 1, prefix };
}

function overlap(a: string, b: string): boolean {
    const x = block(a);
    const y = block(b);
    return !!x && !!y && x.first <= y.last && y.first <= x.last;
}

function requireId(state: EmulatorState, id: unknown, type: string, code: string, what: string, region: string): RecordedResource {
    const found = state.findById(typeof id === "string" ? id : undefined);
    if (!found || found.type !== type) {
        fail(code, `The ${what} ID '${String(id)}' does not exist`);
    }
    if (found.region !== region) {
        fail(code, `The ${what} ID '${String(id)}' does not exist (it is in ${found.region}, this request went to ${region})`);
    }
    return found;
}

export interface AwsCreateRequest {
    type: string;
    name: string;
    urn: string;
    region: string;
    inputs: Record<string, any>;
}

/** Throws the AwsApiError AWS (or the provider, for the region) would return for this create, or returns. */
export function validateAws(request: AwsCreateRequest, state: EmulatorState): void {
    const { inputs, region } = request;
    if (!REGIONS.has(region)) {
        // The provider checks the region before any call ("invalid AWS Region: ..."), modelled on its message.
        fail("InvalidRegion", `invalid AWS Region: ${region}`);
    }
    switch (request.type) {
        case AWS_TYPES.vpnGateway:
            if (inputs.vpcId !== undefined && !/^vpc-[0-9a-f]{8,17}$/.test(inputs.vpcId)) {
                fail("InvalidVpcID.Malformed", `Invalid id: "${inputs.vpcId}"`);
            }
            return;
        case AWS_TYPES.customerGateway: {
            if (inputs.type !== "ipsec.1") {
                fail("InvalidParameterValue", `Value (${inputs.type}) for parameter type is invalid. Valid values: ipsec.1`);
            }
            if (typeof inputs.ipAddress !== "string" || !ipaddr.IPv4.isValidFourPartDecimal(inputs.ipAddress)) {
                fail("InvalidParameterValue", `Value (${inputs.ipAddress}) for parameter ipAddress is invalid.`);
            }
            const asn = Number(inputs.bgpAsn ?? inputs.bgpAsnExtended ?? 65000);
            if (!Number.isInteger(asn) || asn < 1 || asn > 4294967294) {
                fail("InvalidParameterValue", `Value (${inputs.bgpAsn}) for parameter BgpAsn is invalid. Valid range: 1-4294967294.`);
            }
            return;
        }
        case AWS_TYPES.vpnConnection:
            return validateVpnConnection(request, state);
        case AWS_TYPES.vpnConnectionRoute: {
            const connection = requireId(
                state,
                inputs.vpnConnectionId,
                AWS_TYPES.vpnConnection,
                "InvalidVpnConnectionID.NotFound",
                "vpn connection",
                region,
            );
            if (!connection.inputs.staticRoutesOnly) {
                fail(
                    "InvalidParameterValue",
                    `The VPN connection ${connection.id} uses dynamic routing; static routes need staticRoutesOnly.`,
                );
            }
            if (!block(inputs.destinationCidrBlock)) {
                fail("InvalidParameterValue", `Value (${inputs.destinationCidrBlock}) for parameter destinationCidrBlock is invalid.`);
            }
            for (const other of state.ofType(AWS_TYPES.vpnConnectionRoute)) {
                if (
                    other.inputs.vpnConnectionId === inputs.vpnConnectionId &&
                    other.inputs.destinationCidrBlock === inputs.destinationCidrBlock
                ) {
                    fail("RouteAlreadyExists", `The route ${inputs.destinationCidrBlock} already exists on ${connection.id}.`);
                }
            }
            return;
        }
        case AWS_TYPES.routePropagation:
            requireId(state, inputs.vpnGatewayId, AWS_TYPES.vpnGateway, "InvalidVpnGatewayID.NotFound", "vpn gateway", region);
            if (!/^rtb-[0-9a-f]{8,17}$/.test(inputs.routeTableId ?? "")) {
                fail("InvalidRouteTableID.Malformed", `Invalid id: "${inputs.routeTableId}"`);
            }
            return;
        case AWS_TYPES.transitGatewayRoute:
            if (!block(inputs.destinationCidrBlock)) {
                fail("InvalidParameterValue", `Value (${inputs.destinationCidrBlock}) for parameter destinationCidrBlock is invalid.`);
            }
            return;
        default:
            if (request.type !== AWS_TYPES.provider) {
                fail("UnsupportedOperation", `The emulator does not model ${request.type}.`);
            }
    }
}

function validateVpnConnection(request: AwsCreateRequest, state: EmulatorState): void {
    const { inputs, region } = request;
    if (inputs.type !== "ipsec.1") {
        fail("InvalidParameterValue", `Value (${inputs.type}) for parameter type is invalid. Valid values: ipsec.1`);
    }
    const cgw = requireId(
        state,
        inputs.customerGatewayId,
        AWS_TYPES.customerGateway,
        "InvalidCustomerGatewayID.NotFound",
        "customer gateway",
        region,
    );
    if ((inputs.vpnGatewayId === undefined) === (inputs.transitGatewayId === undefined)) {
        fail("InvalidParameterCombination", "Specify either a VpnGatewayId or a TransitGatewayId, not both and not neither.");
    }
    if (inputs.vpnGatewayId !== undefined) {
        requireId(state, inputs.vpnGatewayId, AWS_TYPES.vpnGateway, "InvalidVpnGatewayID.NotFound", "vpn gateway", region);
        // One VPN connection per customer gateway on a virtual private gateway (CreateVpnConnection: modelled code).
        for (const other of state.ofType(AWS_TYPES.vpnConnection)) {
            if (other.inputs.vpnGatewayId === inputs.vpnGatewayId && other.inputs.customerGatewayId === inputs.customerGatewayId) {
                fail(
                    "VpnConnectionAlreadyExists",
                    `A VPN connection between ${inputs.vpnGatewayId} and ${cgw.id} already exists (${other.id}).`,
                );
            }
        }
    }
    for (const n of [1, 2]) {
        const t = (key: string) => inputs[`tunnel${n}${key}`];
        const list = (key: string, allowed: readonly (string | number)[]) => {
            for (const v of t(key) ?? []) {
                if (!allowed.includes(v)) {
                    fail(
                        "InvalidParameterValue",
                        `Value (${v}) for parameter Tunnel${n}${key} is invalid. Valid values: ${allowed.join(" | ")}`,
                    );
                }
            }
        };
        list("IkeVersions", ["ikev1", "ikev2"]);
        list("Phase1EncryptionAlgorithms", ENCRYPTION);
        list("Phase2EncryptionAlgorithms", ENCRYPTION);
        list("Phase1IntegrityAlgorithms", INTEGRITY);
        list("Phase2IntegrityAlgorithms", INTEGRITY);
        list("Phase1DhGroupNumbers", PHASE1_DH);
        list("Phase2DhGroupNumbers", PHASE2_DH);
        const range = (key: string, min: number, max: number) => {
            const v = t(key);
            if (v !== undefined && (!Number.isInteger(v) || v < min || v > max)) {
                fail(
                    "InvalidParameterValue",
                    `Value (${v}) for parameter Tunnel${n}${key} is invalid. Constraints: a value between ${min} and ${max}.`,
                );
            }
        };
        range("Phase1LifetimeSeconds", 900, 28800);
        range("Phase2LifetimeSeconds", 900, 3600);
        const psk = t("PresharedKey");
        if (psk !== undefined && (typeof psk !== "string" || !/^[A-Za-z0-9._]{8,64}$/.test(psk) || psk.startsWith("0"))) {
            fail(
                "InvalidParameterValue",
                `Invalid value for Tunnel${n}PresharedKey. Allowed characters are alphanumeric characters, periods (.), and underscores (_). Must be between 8 and 64 characters in length and cannot start with zero (0).`,
            );
        }
        const inside = t("InsideCidr");
        if (inside !== undefined) {
            const b = block(inside);
            if (!b || b.prefix !== 30 || !overlap(inside, "169.254.0.0/16") || b.first < block("169.254.0.0/16")!.first) {
                fail(
                    "InvalidParameterValue",
                    `Tunnel${n}InsideCidr ${inside} is invalid: a size /30 CIDR block from the 169.254.0.0/16 range is required.`,
                );
            }
            const reserved = RESERVED_INSIDE.find((r) => overlap(r, inside));
            if (reserved) {
                fail("InvalidParameterValue", `Tunnel${n}InsideCidr ${inside} is reserved and cannot be used.`);
            }
            const other = n === 1 ? inputs.tunnel2InsideCidr : inputs.tunnel1InsideCidr;
            if (other !== undefined && overlap(other, inside)) {
                fail("InvalidParameterValue", `The tunnel inside CIDRs of one VPN connection must differ (${inside}).`);
            }
            if (inputs.vpnGatewayId !== undefined) {
                for (const conn of state.ofType(AWS_TYPES.vpnConnection).filter((c) => c.inputs.vpnGatewayId === inputs.vpnGatewayId)) {
                    for (const used of [conn.outputs.tunnel1InsideCidr, conn.outputs.tunnel2InsideCidr]) {
                        if (used && overlap(used, inside)) {
                            // Modelled code; the constraint is the API's "must be unique across all VPN connections that use the same virtual private gateway".
                            fail(
                                "InvalidParameterValue",
                                `The tunnel inside CIDR ${inside} is already in use by ${conn.id} on ${inputs.vpnGatewayId}.`,
                            );
                        }
                    }
                }
            }
        }
    }
}

// Outside addresses: the upper half of TEST-NET-3 (RFC 5737), so they never collide with the Alibaba emulator's.
const outsideAddressCount = new WeakMap<EmulatorState, number>();

function nextOutsideAddress(state: EmulatorState): string {
    const n = outsideAddressCount.get(state) ?? 0;
    if (n >= 126) {
        throw new Error("the emulator's AWS outside address pool is exhausted (126 tunnel addresses)");
    }
    outsideAddressCount.set(state, n + 1);
    return `203.0.113.${129 + n}`;
}

function insideAddresses(cidr: string): { vgw: string; cgw: string } {
    const first = block(cidr)!.first;
    const dotted = (v: number) => [24, 16, 8, 0].map((s) => (v >>> s) & 255).join(".");
    // AWS takes the first host of the /30 for its end and gives the customer gateway the second.
    return { vgw: dotted(first + 1), cgw: dotted(first + 2) };
}

/** A key as AWS generates one when none is given: 32 of [A-Za-z0-9._], not starting with 0. */
function generatedKey(seed: string): string {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";
    const bytes = createHash("sha256").update(seed).digest();
    return Array.from(bytes, (b, i) => alphabet[i === 0 ? b % 52 : b % alphabet.length]).join("");
}

/** The id and outputs AWS (and the provider) report for a created resource. */
export function awsOutputs(
    type: string,
    urn: string,
    region: string,
    inputs: Record<string, any>,
    state: EmulatorState,
): { id: string; outputs: Record<string, any> } {
    const arn = (kind: string, id: string) => `arn:aws:ec2:${region}:123456789012:${kind}/${id}`;
    switch (type) {
        case AWS_TYPES.provider:
            return { id: "", outputs: { ...inputs } };
        case AWS_TYPES.vpnGateway: {
            const id = awsId("vgw", urn);
            return {
                id,
                outputs: { ...inputs, region, amazonSideAsn: String(inputs.amazonSideAsn ?? 64512), arn: arn("vpn-gateway", id) },
            };
        }
        case AWS_TYPES.customerGateway: {
            const id = awsId("cgw", urn);
            return { id, outputs: { ...inputs, region, bgpAsn: String(inputs.bgpAsn ?? 65000), arn: arn("customer-gateway", id) } };
        }
        case AWS_TYPES.vpnConnection: {
            const id = awsId("vpn", urn);
            const outputs: Record<string, any> = { ...inputs, region, arn: arn("vpn-connection", id), category: "VPN" };
            for (const n of [1, 2]) {
                // Without an inside CIDR, AWS picks a free /30 (modelled: the first free one from 169.254.100.0).
                const inside =
                    inputs[`tunnel${n}InsideCidr`] ?? `169.254.${100 + state.ofType(AWS_TYPES.vpnConnection).length}.${(n - 1) * 4}/30`;
                const { vgw, cgw } = insideAddresses(inside);
                Object.assign(outputs, {
                    [`tunnel${n}Address`]: nextOutsideAddress(state),
                    [`tunnel${n}InsideCidr`]: inside,
                    [`tunnel${n}VgwInsideAddress`]: vgw,
                    [`tunnel${n}CgwInsideAddress`]: cgw,
                    [`tunnel${n}PresharedKey`]: inputs[`tunnel${n}PresharedKey`] ?? generatedKey(`${urn}#${n}`),
                    [`tunnel${n}BgpAsn`]: "64512",
                    [`tunnel${n}BgpHoldtime`]: 30,
                });
            }
            if (inputs.transitGatewayId) {
                outputs.transitGatewayAttachmentId = awsId("tgw-attach", urn);
            }
            return { id, outputs };
        }
        case AWS_TYPES.vpnConnectionRoute:
            return { id: `${inputs.destinationCidrBlock}:${inputs.vpnConnectionId}`, outputs: { ...inputs, region } };
        case AWS_TYPES.routePropagation:
            return { id: `${inputs.vpnGatewayId}_${inputs.routeTableId}`, outputs: { ...inputs, region } };
        case AWS_TYPES.transitGatewayRoute:
            return { id: `${inputs.transitGatewayRouteTableId}_${inputs.destinationCidrBlock}`, outputs: { ...inputs, region } };
        default:
            return { id: awsId("res", urn), outputs: { ...inputs, region } };
    }
}

/** The offline plan's lines for an AWS resource (key inputs and outputs, keys as [secret]), or undefined for other types. */
export function describeAws(resource: RecordedResource): string[] | undefined {
    const i = resource.inputs;
    const o = resource.outputs;
    switch (resource.type) {
        case AWS_TYPES.vpnGateway:
            return [`region=${i.region} vpcId=${i.vpcId ?? "-"} → amazonSideAsn=${o.amazonSideAsn}`];
        case AWS_TYPES.customerGateway:
            return [`region=${i.region} ipAddress=${i.ipAddress} bgpAsn=${i.bgpAsn} type=${i.type}`];
        case AWS_TYPES.vpnConnection: {
            const head = `region=${i.region} cgw=${i.customerGatewayId} ${i.vpnGatewayId ? `vgw=${i.vpnGatewayId}` : `tgw=${i.transitGatewayId}`} staticRoutesOnly=${i.staticRoutesOnly}`;
            const tunnel = (n: number) => {
                const t = (k: string) => i[`tunnel${n}${k}`];
                return (
                    `tunnel${n} ${o[`tunnel${n}Address`]} inside ${o[`tunnel${n}InsideCidr`]}: ${(t("IkeVersions") ?? []).join(",")} ` +
                    `${t("Phase1EncryptionAlgorithms")}/${t("Phase1IntegrityAlgorithms")}/dh${t("Phase1DhGroupNumbers")} ${t("Phase1LifetimeSeconds")}s; ` +
                    `esp ${t("Phase2EncryptionAlgorithms")}/${t("Phase2IntegrityAlgorithms")} pfs dh${t("Phase2DhGroupNumbers")} ${t("Phase2LifetimeSeconds")}s psk=[secret]`
                );
            };
            return [head, tunnel(1), tunnel(2)];
        }
        case AWS_TYPES.vpnConnectionRoute:
            return [`destinationCidrBlock=${i.destinationCidrBlock} vpnConnectionId=${i.vpnConnectionId}`];
        case AWS_TYPES.routePropagation:
            return [`vpnGatewayId=${i.vpnGatewayId} routeTableId=${i.routeTableId}`];
        case AWS_TYPES.transitGatewayRoute:
            return [`destinationCidrBlock=${i.destinationCidrBlock} transitGatewayAttachmentId=${i.transitGatewayAttachmentId}`];
        default:
            return undefined;
    }
}

/** AWS in the emulator's list of other clouds (peerClouds.ts). */
export const awsEmulator: PeerCloudEmulator = {
    cloud: "aws",
    providerType: AWS_TYPES.provider,
    isType: isAwsType,
    region: awsRegion,
    validate: validateAws,
    outputs: awsOutputs,
    describe: describeAws,
};
