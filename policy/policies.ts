// CrossGuard policies on raw alicloud resources, for stacks not built with this library's components. Each
// policy turns the resource's inputs back into the model's terms and runs the model's validators, so a raw
// connection is judged by the same rules as a SiteToSiteLink. Messages are formatFinding lines whose field
// paths are the resource's own input names (tunnelOptionsSpecifications[0].tunnelIkeConfig.ikePfs).
import * as alicloud from "@pulumi/alicloud";
import { ReportViolation, ResourceValidationPolicy, StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { cidrSyntaxError, coveredByUnion } from "../model/cidr";
import { Finding, formatFinding } from "../model/findings";
import { validateBandwidth } from "../model/gateway";
import { reservedRouteProblem, validateLink, validatePsk } from "../model/link";
import { IpsecProfile, validateProfile } from "../model/profile";

/** A connection tag whose value says why weak algorithms are accepted on it (the model's weakCryptoOptIn.reason). */
export const OPT_IN_TAG = "weak-crypto-opt-in";

/** Policy config of alicloud-vpn-connection-weak-crypto: resource name -> reason, for connections that cannot be tagged. */
export interface PackConfig {
    weakCryptoOptIn?: Record<string, string>;
}

type Raw = Record<string, any> | undefined;

/** What Alibaba's API uses for a field left out (CreateVpnConnection; docs/notes.md): md5 and group2 among them. */
const API_DEFAULTS = {
    ikeVersion: "ikev1",
    ikeMode: "main",
    ikeEncAlg: "aes",
    ikeAuthAlg: "md5",
    ikePfs: "group2",
    ikeLifetime: 86400,
    ipsecEncAlg: "aes",
    ipsecAuthAlg: "md5",
    ipsecPfs: "group2",
    ipsecLifetime: 86400,
} as const;

/** Model profile field -> [which config object, Alibaba's input name]. */
const FIELDS: Record<string, ["ike" | "ipsec", keyof typeof API_DEFAULTS]> = {
    "ike.version": ["ike", "ikeVersion"],
    "ike.mode": ["ike", "ikeMode"],
    "ike.encryption": ["ike", "ikeEncAlg"],
    "ike.integrity": ["ike", "ikeAuthAlg"],
    "ike.dhGroup": ["ike", "ikePfs"],
    "ike.lifetimeSeconds": ["ike", "ikeLifetime"],
    "ipsec.encryption": ["ipsec", "ipsecEncAlg"],
    "ipsec.integrity": ["ipsec", "ipsecAuthAlg"],
    "ipsec.pfs": ["ipsec", "ipsecPfs"],
    "ipsec.lifetimeSeconds": ["ipsec", "ipsecLifetime"],
};

/** One tunnel's IKE and IPsec settings as the resource carries them, and where they live. */
interface RawTunnel {
    ike: Raw;
    ipsec: Raw;
    ikePath: string;
    ipsecPath: string;
    psk: unknown;
    localId: unknown;
    remoteId: unknown;
    dpd: unknown;
    natTraversal: unknown;
}

/** The tunnels of a connection: each tunnelOptionsSpecifications entry (dual tunnel), or the single-tunnel fields. */
export function rawTunnels(props: Record<string, any>): RawTunnel[] {
    const specs: any[] = Array.isArray(props.tunnelOptionsSpecifications) ? props.tunnelOptionsSpecifications : [];
    if (specs.length > 0) {
        return specs.map((t, i) => ({
            ike: t?.tunnelIkeConfig,
            ipsec: t?.tunnelIpsecConfig,
            ikePath: `tunnelOptionsSpecifications[${i}].tunnelIkeConfig`,
            ipsecPath: `tunnelOptionsSpecifications[${i}].tunnelIpsecConfig`,
            psk: t?.tunnelIkeConfig?.psk,
            localId: t?.tunnelIkeConfig?.localId,
            remoteId: t?.tunnelIkeConfig?.remoteId,
            dpd: t?.enableDpd,
            natTraversal: t?.enableNatTraversal,
        }));
    }
    return [
        {
            ike: props.ikeConfig,
            ipsec: props.ipsecConfig,
            ikePath: "ikeConfig",
            ipsecPath: "ipsecConfig",
            psk: props.ikeConfig?.psk,
            localId: props.ikeConfig?.ikeLocalId,
            remoteId: props.ikeConfig?.ikeRemoteId,
            dpd: props.enableDpd,
            natTraversal: props.enableNatTraversal,
        },
    ];
}

/** The tunnel's profile with Alibaba's API defaults where a value is unset, and the fields that were unset. */
export function tunnelProfile(tunnel: RawTunnel, optInReason: string | undefined): { profile: IpsecProfile; unset: string[] } {
    const unset: string[] = [];
    const value = (part: "ike" | "ipsec", key: keyof typeof API_DEFAULTS) => {
        const given = (part === "ike" ? tunnel.ike : tunnel.ipsec)?.[key];
        if (given === undefined || given === null || given === "") {
            unset.push(key);
            return API_DEFAULTS[key];
        }
        return given;
    };
    const profile = {
        ike: {
            version: value("ike", "ikeVersion"),
            mode: value("ike", "ikeMode"),
            encryption: value("ike", "ikeEncAlg"),
            integrity: value("ike", "ikeAuthAlg"),
            dhGroup: value("ike", "ikePfs"),
            lifetimeSeconds: value("ike", "ikeLifetime"),
        },
        ipsec: {
            encryption: value("ipsec", "ipsecEncAlg"),
            integrity: value("ipsec", "ipsecAuthAlg"),
            pfs: value("ipsec", "ipsecPfs"),
            lifetimeSeconds: value("ipsec", "ipsecLifetime"),
        },
        dpd: tunnel.dpd !== false,
        natTraversal: tunnel.natTraversal !== false,
        ...(typeof tunnel.localId === "string" && tunnel.localId !== "" ? { localId: tunnel.localId } : {}),
        ...(typeof tunnel.remoteId === "string" && tunnel.remoteId !== "" ? { remoteId: tunnel.remoteId } : {}),
        ...(optInReason !== undefined ? { weakCryptoOptIn: { reason: optInReason } } : {}),
    } as IpsecProfile;
    return { profile, unset };
}

/** Every finding about one raw connection, its fields named as the resource's inputs. */
export function connectionFindings(name: string, props: Record<string, any>, config: PackConfig = {}): Finding[] {
    const findings: Finding[] = [];
    const tagged = props.tags?.[OPT_IN_TAG];
    const optIn = config.weakCryptoOptIn?.[name] ?? (typeof tagged === "string" ? tagged : undefined);
    const tunnels = rawTunnels(props);
    tunnels.forEach((tunnel, i) => {
        const { profile, unset } = tunnelProfile(tunnel, optIn);
        const single = tunnel.ikePath === "ikeConfig";
        const resourceField = (suffix: string): string => {
            const mapped = FIELDS[suffix];
            if (mapped) return `${mapped[0] === "ike" ? tunnel.ikePath : tunnel.ipsecPath}.${mapped[1]}`;
            if (suffix === "localId" || suffix === "remoteId") return `${tunnel.ikePath}.${single ? `ike${suffix[0].toUpperCase()}${suffix.slice(1)}` : suffix}`;
            if (suffix === "weakCryptoOptIn.reason") return `the connection's tag ${OPT_IN_TAG}`;
            return `${tunnel.ikePath}.${suffix}`;
        };
        // The model names fields "@.ike.dhGroup"; the resource calls them "tunnelIkeConfig.ikePfs".
        const rename = (text: string) => text.replace(/@\.([A-Za-z]+(?:\.[A-Za-z]+)?)/g, (_, suffix: string) => resourceField(suffix));
        for (const finding of validateProfile(profile, "@", name)) {
            const suffix = finding.field.slice(2);
            const defaulted = FIELDS[suffix] !== undefined && unset.includes(FIELDS[suffix][1]);
            findings.push({
                ...finding,
                field: rename(finding.field),
                message: defaulted ? `unset, so Alibaba's API default applies: ${finding.message}` : finding.message,
                fix: rename(finding.fix),
            });
        }
        if (typeof tunnel.psk === "string") {
            findings.push(...validatePsk(tunnel.psk, `${tunnel.ikePath}.psk`, name));
        }
        // Link rules (subnet counts, host bits, IKEv1 with several subnets, 0.0.0.0/0 selectors) once, with the first tunnel's version.
        if (i === 0) {
            findings.push(...subnetFindings(name, props, profile));
        }
    });
    return findings;
}

function subnetFindings(name: string, props: Record<string, any>, profile: IpsecProfile): Finding[] {
    const local: string[] = Array.isArray(props.localSubnets) ? props.localSubnets : [];
    const remote: string[] = Array.isArray(props.remoteSubnets) ? props.remoteSubnets : [];
    const blind = (blocks: string[]) => blocks.includes("0.0.0.0/0");
    const destination = blind(local) && blind(remote) && local.length === 1 && remote.length === 1;
    const linkFindings = validateLink(
        { name, alibabaSubnets: local, peerSubnets: remote, profile, routingMode: destination ? "destination" : "policy" },
        "@",
    ).findings.filter((f) => f.code.startsWith("link."));
    const renamed = linkFindings.map((f) => {
        const rename = (text: string) =>
            text.split("@.alibabaSubnets").join("localSubnets").split("@.peerSubnets").join("remoteSubnets").split("@.profile.ike.version").join("ikeVersion").split("@.").join("");
        return { ...f, field: rename(f.field), fix: rename(f.fix) };
    });
    if (!destination && blind(local) !== blind(remote)) {
        const side = blind(local) ? "localSubnets" : "remoteSubnets";
        renamed.push({
            severity: "warning",
            code: "policy.blind-selector",
            site: name,
            field: side,
            value: "0.0.0.0/0",
            message: `0.0.0.0/0 on one side only: the connection encrypts whatever the routes send it on that side, and the peer must propose the same blind selector (seed 004 warns that 0.0.0.0/0 hides which networks the tunnel really carries).`,
            fix: `list the real networks in ${side}, or use 0.0.0.0/0 on both sides (destination routing) with explicit VPN gateway routes.`,
        });
    }
    return renamed;
}

function report(findings: readonly Finding[], reportViolation: ReportViolation, keep: (f: Finding) => boolean): void {
    findings.filter(keep).forEach((f) => reportViolation(formatFinding(f)));
}

const isWeak = (f: Finding) => f.code === "profile.weak-crypto" && f.severity === "error";

export const connectionValues: ResourceValidationPolicy = {
    name: "alicloud-vpn-connection-values",
    description: "IPsec connections use only values Alibaba accepts: algorithm names, lifetimes 0-86400 s, PSK and IKE id lengths, 1-10 subnets, IKEv2 for several subnets, no 0.0.0.0/0 or 100.64.0.0/10 remote subnets.",
    enforcementLevel: "mandatory",
    validateResource: validateResourceOfType(alicloud.vpn.Connection, (props, args, reportViolation) =>
        report(connectionFindings(args.name, props, args.getConfig<PackConfig>()), reportViolation, (f) => f.severity === "error" && !isWeak(f)),
    ),
};

export const connectionWeakCrypto: ResourceValidationPolicy = {
    name: "alicloud-vpn-connection-weak-crypto",
    description: `IPsec connections name strong algorithms explicitly; md5, des, group1, group2 (also Alibaba's defaults when unset) need an opt-in: a tag ${OPT_IN_TAG} (or this policy's config weakCryptoOptIn) saying why.`,
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            weakCryptoOptIn: {
                type: "object",
                description: "Resource name -> why this connection must use weak algorithms (the peer's limitation).",
                additionalProperties: { type: "string", minLength: 10 },
            },
        },
    },
    validateResource: validateResourceOfType(alicloud.vpn.Connection, (props, args, reportViolation) =>
        report(connectionFindings(args.name, props, args.getConfig<PackConfig>()), reportViolation, isWeak),
    ),
};

export const connectionAdvice: ResourceValidationPolicy = {
    name: "alicloud-vpn-connection-advice",
    description: "Legacy algorithms (sha1, 3des, group5), disabled PFS, aggressive mode, short PSKs, opted-in weak crypto, one-sided 0.0.0.0/0 selectors.",
    enforcementLevel: "advisory",
    validateResource: validateResourceOfType(alicloud.vpn.Connection, (props, args, reportViolation) =>
        report(connectionFindings(args.name, props, args.getConfig<PackConfig>()), reportViolation, (f) => f.severity === "warning"),
    ),
};

export const gatewayBandwidth: ResourceValidationPolicy = {
    name: "alicloud-vpn-gateway-bandwidth",
    description: "Public VPN gateways use a bandwidth Alibaba sells: 5, 10, 20, 50, 100, 200, 500 or 1000 Mbit/s.",
    enforcementLevel: "mandatory",
    validateResource: validateResourceOfType(alicloud.vpn.Gateway, (props, args, reportViolation) => {
        // Private (Express Connect) gateways come in other sizes; only the public ones are checked.
        if (props.networkType !== "private") {
            report(validateBandwidth(props.bandwidth, "bandwidth", args.name), reportViolation, () => true);
        }
    }),
};

export const gatewayRouteDestination: ResourceValidationPolicy = {
    name: "alicloud-vpn-route-destination",
    description: "VPN gateway routes are not 0.0.0.0/0 and do not overlap 100.64.0.0/10.",
    enforcementLevel: "mandatory",
    validateResource: validateResourceOfType(alicloud.vpn.RouteEntry, (props, args, reportViolation) => {
        const dest = props.routeDest;
        const problem = typeof dest === "string" && !cidrSyntaxError(dest) ? reservedRouteProblem(dest) : undefined;
        if (problem) {
            reportViolation(
                formatFinding({ severity: "error", code: "route.reserved-destination", site: args.name, field: "routeDest", value: dest, message: problem, fix: "route the peer's real networks instead." }),
            );
        }
    }),
};

const CONNECTION = (alicloud.vpn.Connection as unknown as { __pulumiType: string }).__pulumiType;
const VPC_ROUTE = (alicloud.vpc.RouteEntry as unknown as { __pulumiType: string }).__pulumiType;

/**
 * Seed 004 across resources: every VPC route toward a VPN gateway has a destination inside the remote subnets
 * of a connection of that gateway (any connection, while ids are unknown in a first preview). Destination-routing
 * connections (0.0.0.0/0 both ways) carry anything their gateway routes send them.
 */
export const vpcRouteCovered: StackValidationPolicy = {
    name: "alicloud-vpn-vpc-route-covered",
    description: "A VPC route to a VPN gateway must point at networks one of that gateway's IPsec connections carries; otherwise the gateway does not encrypt the traffic and it loops until its TTL expires.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const connections = args.resources.filter((r) => r.type === CONNECTION);
        for (const route of args.resources.filter((r) => r.type === VPC_ROUTE && r.props.nexthopType === "VpnGateway")) {
            const dest = route.props.destinationCidrblock;
            if (typeof dest !== "string" || cidrSyntaxError(dest)) {
                continue;
            }
            const gatewayId = route.props.nexthopId;
            const own = connections.filter((c) => typeof gatewayId !== "string" || typeof c.props.vpnGatewayId !== "string" || c.props.vpnGatewayId === gatewayId);
            const remote = (c: (typeof own)[number]): string[] => (Array.isArray(c.props.remoteSubnets) ? c.props.remoteSubnets.filter((b: unknown) => typeof b === "string" && !cidrSyntaxError(b)) : []);
            const carried = own.some((c) => remote(c).includes("0.0.0.0/0")) || coveredByUnion(own.flatMap(remote), dest);
            if (!carried) {
                reportViolation(
                    formatFinding({
                        severity: "error",
                        code: "route.outside-remote-subnets",
                        site: route.name,
                        field: "destinationCidrblock",
                        value: dest,
                        message: `the VPC routes ${dest} to VPN gateway ${gatewayId ?? "(unknown yet)"}, but none of its ${own.length} IPsec connection(s) lists it in remoteSubnets (${own.flatMap(remote).join(", ") || "none"}); the gateway does not encrypt it and the packets loop until their TTL expires (seed 004, case 1).`,
                        fix: `add ${dest} to the remoteSubnets of the connection that should carry it, or remove the route.`,
                    }),
                    route.urn,
                );
            }
        }
    },
};

export const policies = [connectionValues, connectionWeakCrypto, connectionAdvice, gatewayBandwidth, gatewayRouteDestination, vpcRouteCovered];
