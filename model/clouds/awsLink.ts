// The plan of a cloud link between an Alibaba Cloud dual-tunnel VPN gateway and AWS Site-to-Site VPN, as plain data:
// every check runs here, before anything is registered, and the wiring of the eight tunnel ends is decided here.
//
// AWS ties a VPN connection to one customer gateway address and gives it two tunnels (two AWS outside addresses);
// an Alibaba dual-tunnel connection sends its master tunnel from the gateway's internetIp and its slave tunnel from
// its disasterRecoveryInternetIp. So: AWS connection A for the master address, B for the slave address, and two
// Alibaba connections, k = 1 and 2, each with its master tunnel on A's tunnel k and its slave tunnel on B's tunnel k.
// A tunnel from Alibaba's address X always ends on the AWS connection built for X (crossing them, as mc-terrarium's
// Alibaba module does for the second tunnel, gives a tunnel AWS drops: the IKE packets come from an address that is
// not the connection's customer gateway).
import { TunnelRole } from "../alibaba";
import { cidrSyntaxError, contains, overlaps, prefixLength } from "../cidr";
import { Finding, allowedList } from "../findings";
import { IpsecProfile, IpsecProfileInput } from "../profile";
import { SitePlan } from "../site";
import { CloudAlibabaEndSpec, planAlibabaEnd } from "./alibabaEnd";
import {
    AWS_ENCRYPTION_NAME,
    AWS_INSIDE_CIDR_RANGE,
    AWS_INTEGRITY_NAME,
    AWS_PSK_LENGTH,
    AWS_PSK_PATTERN,
    AWS_REGIONS,
    AWS_REGION_FOR_ALIBABA_REGION,
    AWS_RESERVED_INSIDE_CIDRS,
    AWS_SOURCES,
    awsDhNumber,
} from "./aws";
import { AWS } from "./intersection";

/** The AWS end of a cloud link. Exactly one of vpcId, vpnGatewayId and transitGatewayId. */
export interface AwsEndSpec {
    /** The AWS region, e.g. "ap-southeast-1" (Singapore). */
    region: string;
    /** The AWS networks behind the VPN: the Alibaba connections' remote subnets and the Alibaba side's routes. */
    vpcCidrs: string[];
    /** Create a virtual private gateway attached to this VPC. */
    vpcId?: string;
    /** Use this existing virtual private gateway. */
    vpnGatewayId?: string;
    /** Attach the VPN connections to this transit gateway instead of a virtual private gateway. */
    transitGatewayId?: string;
    /** With transitGatewayId: the transit gateway route table that gets the Alibaba networks as static routes. */
    transitGatewayRouteTableId?: string;
    /** VPC route tables that learn the Alibaba networks from the virtual private gateway (route propagation). */
    routeTableIds?: string[];
    /** The virtual private gateway's ASN. Default: Amazon's (64512). */
    amazonSideAsn?: number;
    /**
     * Inside tunnel CIDRs, /30 blocks of 169.254.0.0/16: connection A tunnel 1, A tunnel 2, B tunnel 1, B tunnel 2.
     * Default: the first four free /30s from 169.254.10.0.
     */
    insideCidrs?: string[];
    /** Inside CIDRs other VPN connections on the same virtual private gateway already use (they must be unique there). */
    insideCidrsInUse?: string[];
}

export interface AwsCloudLinkSpec {
    /** The Alibaba end: a VPC, vSwitches in two zones and a dual-tunnel VPN gateway. */
    alibaba: CloudAlibabaEndSpec;
    aws: AwsEndSpec;
    /** Default: the strongest profile both clouds accept (IKEv2, aes256, sha256, group14, PFS group14, 28800 s / 3600 s). */
    profile?: IpsecProfileInput;
    /** One key for all four tunnels or one per tunnel (A1, A2, B1, B2). Default: a random 32-character key per tunnel. */
    psks?: string[];
    /** The dotted prefix of the user's config, for error messages. Default: the link's name. */
    configPath?: string;
}

/** One Alibaba tunnel and the AWS tunnel it talks to. */
export interface TunnelWiring {
    /** Index of the Alibaba connection (0 or 1). */
    alibabaConnection: number;
    role: TunnelRole;
    /** "A" (built for the Alibaba master address) or "B" (for the slave address). */
    awsConnection: "A" | "B";
    /** 1 or 2: the AWS tunnel of that connection. */
    awsTunnel: 1 | 2;
    /** Index into the four PSKs and inside CIDRs (A1, A2, B1, B2). */
    index: number;
}

export interface AwsTunnelOptions {
    ikeVersions: string[];
    phase1EncryptionAlgorithms: string[];
    phase1IntegrityAlgorithms: string[];
    phase1DhGroupNumbers: number[];
    phase1LifetimeSeconds: number;
    phase2EncryptionAlgorithms: string[];
    phase2IntegrityAlgorithms: string[];
    phase2DhGroupNumbers: number[];
    phase2LifetimeSeconds: number;
}

export interface AwsCloudLinkPlan {
    cloud: "aws";
    name: string;
    profile: IpsecProfile;
    /** The Alibaba site: the hub and its two connections (links `<name>-aws-1`, `<name>-aws-2`). */
    site: SitePlan;
    region: string;
    attach:
        | { kind: "vpc"; vpcId: string }
        | { kind: "vpnGateway"; vpnGatewayId: string }
        | { kind: "transitGateway"; transitGatewayId: string; routeTableId: string };
    vpcCidrs: string[];
    alibabaSubnets: string[];
    routeTableIds: string[];
    amazonSideAsn?: number;
    insideCidrs: string[];
    /** Given keys (plain), one per tunnel, or undefined for generated ones. */
    psks?: string[];
    tunnelOptions: AwsTunnelOptions;
    wiring: TunnelWiring[];
}

export const AWS_CONNECTIONS = ["A", "B"] as const;

/** The wiring every AWS cloud link uses: Alibaba connection k's master on A's tunnel k, its slave on B's tunnel k. */
export function awsWiring(): TunnelWiring[] {
    return [0, 1].flatMap((k) =>
        (["master", "slave"] as const).map((role) => {
            const awsConnection = role === "master" ? "A" : "B";
            const awsTunnel = (k + 1) as 1 | 2;
            return { alibabaConnection: k, role, awsConnection, awsTunnel, index: (awsConnection === "A" ? 0 : 2) + k };
        }),
    );
}

/** The AWS tunnel options a profile inside the intersection becomes (one value each: AWS then accepts only these). */
export function awsTunnelOptions(profile: IpsecProfile): AwsTunnelOptions {
    return {
        ikeVersions: [profile.ike.version],
        phase1EncryptionAlgorithms: [AWS_ENCRYPTION_NAME[profile.ike.encryption]!],
        phase1IntegrityAlgorithms: [AWS_INTEGRITY_NAME[profile.ike.integrity]!],
        phase1DhGroupNumbers: [awsDhNumber(profile.ike.dhGroup)],
        phase1LifetimeSeconds: profile.ike.lifetimeSeconds,
        phase2EncryptionAlgorithms: [AWS_ENCRYPTION_NAME[profile.ipsec.encryption]!],
        phase2IntegrityAlgorithms: [AWS_INTEGRITY_NAME[profile.ipsec.integrity]!],
        phase2DhGroupNumbers: [awsDhNumber(profile.ipsec.pfs)],
        phase2LifetimeSeconds: profile.ipsec.lifetimeSeconds,
    };
}

/** The first `count` /30s from 169.254.10.0 that are neither reserved nor in use. */
export function defaultInsideCidrs(inUse: readonly string[], count = 4): string[] {
    const out: string[] = [];
    for (let third = 10; third < 255 && out.length < count; third++) {
        for (let fourth = 0; fourth < 256 && out.length < count; fourth += 4) {
            const cidr = `169.254.${third}.${fourth}/30`;
            if (![...AWS_RESERVED_INSIDE_CIDRS, ...inUse].some((u) => cidrSyntaxError(u) === undefined && overlaps(u, cidr))) {
                out.push(cidr);
            }
        }
    }
    return out;
}

/** Every finding about the AWS end, from plain values. */
export function checkAwsEnd(aws: AwsEndSpec, psks: string[] | undefined, path: string, site: string): Finding[] {
    const findings: Finding[] = [];
    const error = (code: string, field: string, value: unknown, message: string, fix: string, allowed?: string) =>
        findings.push({ severity: "error", code, site, field: `${path}.${field}`, value, message, fix, ...(allowed ? { allowed } : {}) });

    if (!AWS_REGIONS.includes(aws.region)) {
        const same = AWS_REGION_FOR_ALIBABA_REGION[aws.region];
        error(
            "aws.unknown-region",
            "aws.region",
            aws.region,
            `AWS has no region of this name (${AWS_SOURCES.regions})${same && same !== aws.region ? "; it looks like an Alibaba Cloud region id" : ""}.`,
            same && same !== aws.region
                ? `set ${path}.aws.region to ${same}, the AWS region in the same place, or another AWS region id.`
                : `set ${path}.aws.region to an AWS region id, e.g. ap-southeast-1 (Singapore).`,
        );
    }
    const attachments = (["vpcId", "vpnGatewayId", "transitGatewayId"] as const).filter((k) => aws[k] !== undefined);
    if (attachments.length !== 1) {
        error(
            "aws.attachment",
            attachments.length === 0 ? "aws.vpcId" : `aws.${attachments[1]}`,
            attachments.length === 0 ? undefined : aws[attachments[1]],
            "the AWS end needs exactly one of vpcId (a new virtual private gateway), vpnGatewayId or transitGatewayId.",
            attachments.length === 0
                ? `set ${path}.aws.vpcId to the id of the AWS VPC (vpc-...).`
                : `keep only ${path}.aws.${attachments[0]}.`,
        );
    }
    const idShapes: Array<[keyof AwsEndSpec, RegExp, string]> = [
        ["vpcId", /^vpc-[0-9a-f]{8,17}$/, "vpc-"],
        ["vpnGatewayId", /^vgw-[0-9a-f]{8,17}$/, "vgw-"],
        ["transitGatewayId", /^tgw-[0-9a-f]{8,17}$/, "tgw-"],
        ["transitGatewayRouteTableId", /^tgw-rtb-[0-9a-f]{8,17}$/, "tgw-rtb-"],
    ];
    for (const [key, shape, prefix] of idShapes) {
        const value = aws[key];
        if (value !== undefined && !(typeof value === "string" && shape.test(value))) {
            error(
                "aws.bad-id",
                `aws.${key}`,
                value,
                `not an AWS id: AWS ids are "${prefix}" and 8 or 17 hexadecimal digits.`,
                `copy ${path}.aws.${key} from the AWS console or CLI.`,
            );
        }
    }
    if (aws.transitGatewayId !== undefined && aws.transitGatewayRouteTableId === undefined) {
        error(
            "aws.attachment",
            "aws.transitGatewayRouteTableId",
            undefined,
            "a transit gateway needs the route table that receives the Alibaba networks as static routes.",
            `set ${path}.aws.transitGatewayRouteTableId to the transit gateway route table id (tgw-rtb-...).`,
        );
    }
    (aws.routeTableIds ?? []).forEach((id, i) => {
        if (!/^rtb-[0-9a-f]{8,17}$/.test(id)) {
            error(
                "aws.bad-id",
                `aws.routeTableIds[${i}]`,
                id,
                'not an AWS route table id ("rtb-" and 8 or 17 hexadecimal digits).',
                `copy ${path}.aws.routeTableIds[${i}] from the AWS console.`,
            );
        }
    });
    if (!Array.isArray(aws.vpcCidrs) || aws.vpcCidrs.length === 0) {
        error(
            "aws.vpc-cidrs",
            "aws.vpcCidrs",
            aws.vpcCidrs,
            "the AWS networks behind the VPN are needed for the selectors and routes.",
            `set ${path}.aws.vpcCidrs to the AWS VPC's CIDR blocks.`,
        );
    } else {
        aws.vpcCidrs.forEach((cidr, i) => {
            const problem = cidrSyntaxError(cidr);
            if (problem) {
                error(
                    "aws.vpc-cidrs",
                    `aws.vpcCidrs[${i}]`,
                    cidr,
                    `not an IPv4 CIDR block: ${problem}.`,
                    `write ${path}.aws.vpcCidrs[${i}] like 10.1.0.0/16.`,
                );
            }
        });
    }

    // Inside CIDRs: four /30s of 169.254.0.0/16, none reserved, unique on the gateway.
    const inUse = aws.insideCidrsInUse ?? [];
    const inside = aws.insideCidrs ?? defaultInsideCidrs(inUse);
    if (aws.insideCidrs !== undefined && aws.insideCidrs.length !== 4) {
        error(
            "aws.inside-cidr",
            "aws.insideCidrs",
            aws.insideCidrs,
            "four inside CIDRs are needed: tunnels 1 and 2 of the two AWS VPN connections (A1, A2, B1, B2).",
            `list four /30 blocks in ${path}.aws.insideCidrs, or leave it out for ${allowedList(defaultInsideCidrs(inUse))}.`,
        );
    }
    const free = defaultInsideCidrs([...inUse, ...inside.filter((c) => cidrSyntaxError(c) === undefined)], 1)[0];
    inside.forEach((cidr, i) => {
        const field = `aws.insideCidrs[${i}]`;
        const bad = (message: string) =>
            error(
                "aws.inside-cidr",
                field,
                cidr,
                `${message} (${AWS_SOURCES.tunnelOptionsApi}).`,
                `set ${path}.${field} to a free /30 such as ${free}.`,
                `a /30 in ${AWS_INSIDE_CIDR_RANGE} except ${allowedList(AWS_RESERVED_INSIDE_CIDRS)}`,
            );
        if (cidrSyntaxError(cidr) !== undefined || prefixLength(cidr) !== 30 || !contains(AWS_INSIDE_CIDR_RANGE, cidr)) {
            bad("AWS takes a size /30 block from 169.254.0.0/16 as a tunnel's inside CIDR");
            return;
        }
        const reserved = AWS_RESERVED_INSIDE_CIDRS.find((r) => overlaps(r, cidr));
        if (reserved) {
            bad(`AWS reserves ${reserved}`);
            return;
        }
        const twin = inside.findIndex((other, j) => j < i && cidrSyntaxError(other) === undefined && overlaps(other, cidr));
        if (twin >= 0) {
            bad(
                `${path}.aws.insideCidrs[${twin}] already uses it; inside CIDRs must be unique across the VPN connections of one virtual private gateway`,
            );
            return;
        }
        const taken = inUse.find((u) => cidrSyntaxError(u) === undefined && overlaps(u, cidr));
        if (taken) {
            bad(
                `another VPN connection on the gateway uses ${taken} (${path}.aws.insideCidrsInUse); inside CIDRs must be unique across the VPN connections of one virtual private gateway`,
            );
        }
    });

    // Pre-shared keys: AWS is the stricter of the two clouds.
    if (psks !== undefined && psks.length !== 1 && psks.length !== 4) {
        error(
            "aws.psk",
            "psks",
            `${psks.length} keys`,
            "give one key for all four tunnels or one per tunnel (A1, A2, B1, B2).",
            `list one or four keys in ${path}.psks, or leave it out for random keys.`,
        );
    }
    (psks ?? []).forEach((psk, i) => {
        const reason =
            typeof psk !== "string" || psk.length < AWS_PSK_LENGTH.min || psk.length > AWS_PSK_LENGTH.max
                ? `AWS takes pre-shared keys of ${AWS_PSK_LENGTH.min} to ${AWS_PSK_LENGTH.max} characters (this one has ${typeof psk === "string" ? psk.length : 0})`
                : !AWS_PSK_PATTERN.test(psk)
                  ? `AWS takes only letters, digits, periods and underscores in a pre-shared key (this one has ${JSON.stringify([...new Set(psk.replace(/[A-Za-z0-9._]/g, ""))].join(""))})`
                  : psk.startsWith("0")
                    ? "AWS refuses a pre-shared key that starts with 0"
                    : undefined;
        if (!reason && psk.length < 16) {
            findings.push({
                severity: "warning",
                code: "link.short-psk",
                site,
                field: `${path}.psks[${i}]`,
                value: "[secret]",
                message: `the pre-shared key has ${psk.length} characters; short keys fall to offline guessing.`,
                fix: `use at least 16 random characters, or leave ${path}.psks out to generate 32.`,
            });
        }
        if (reason) {
            findings.push({
                severity: "error",
                code: "aws.psk",
                site,
                field: `${path}.psks[${i}]`,
                value: "[secret]",
                allowed: "8-64 characters of A-Z a-z 0-9 . _, not starting with 0",
                message: `${reason} (${AWS_SOURCES.tunnelOptionsApi}).`,
                fix: `set ${path}.psks[${i}] to 8-64 letters, digits, periods or underscores not starting with 0, or leave ${path}.psks out for random keys.`,
            });
        }
    });
    return findings;
}

/**
 * Plans an AWS cloud link: the AWS end's checks, the profile against both clouds, and the Alibaba site (hub and two
 * connections) through the site planner, so the Alibaba end gets every check a VpnSite gets. Nothing is created.
 */
export function planAwsCloudLink(name: string, spec: AwsCloudLinkSpec): { plan?: AwsCloudLinkPlan; findings: Finding[] } {
    const path = spec.configPath ?? name;
    const vpcCidrs = Array.isArray(spec.aws.vpcCidrs) ? spec.aws.vpcCidrs : [];
    const syntaxOk = vpcCidrs.every((c) => cidrSyntaxError(c) === undefined);
    const fourKeys =
        spec.psks && (spec.psks.length === 1 ? [0, 1, 2, 3].map(() => spec.psks![0]) : spec.psks.length === 4 ? spec.psks : undefined);
    const { profile, findings, site } = planAlibabaEnd(name, AWS, spec, checkAwsEnd(spec.aws, spec.psks, path, name), (profileInput) =>
        syntaxOk && vpcCidrs.length > 0
            ? [0, 1].map((k) => ({
                  name: `${name}-aws-${k + 1}`,
                  peerSubnets: vpcCidrs,
                  alibabaSubnets: spec.alibaba.alibabaSubnets,
                  profile: profileInput,
                  separateSlavePeer: true,
                  // Keys go to both clouds; AWS's rules (checked above) are a subset of Alibaba's, so they are not passed to the
                  // Alibaba checks, which would name them by the link's tunnel index instead of the user's.
                  peerPlatforms: [],
                  configPath: path,
                  // One VPC route toward the gateway is enough; connection 2 stands by behind weight-0 gateway routes.
                  vpcRouteDestinations: k === 0 ? undefined : [],
              }))
            : undefined,
    );
    if (!site) {
        return { findings };
    }
    const aws = spec.aws;
    return {
        findings,
        plan: {
            cloud: "aws",
            name,
            profile,
            site,
            region: aws.region,
            attach: aws.vpcId
                ? { kind: "vpc", vpcId: aws.vpcId }
                : aws.vpnGatewayId
                  ? { kind: "vpnGateway", vpnGatewayId: aws.vpnGatewayId }
                  : { kind: "transitGateway", transitGatewayId: aws.transitGatewayId!, routeTableId: aws.transitGatewayRouteTableId! },
            vpcCidrs,
            alibabaSubnets: spec.alibaba.alibabaSubnets ?? [spec.alibaba.vpcCidr],
            routeTableIds: aws.routeTableIds ?? [],
            amazonSideAsn: aws.amazonSideAsn,
            insideCidrs: aws.insideCidrs ?? defaultInsideCidrs(aws.insideCidrsInUse ?? []),
            psks: fourKeys,
            tunnelOptions: awsTunnelOptions(profile),
            wiring: awsWiring(),
        },
    };
}
