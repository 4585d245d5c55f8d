// The plan of a cloud link between an Alibaba Cloud dual-tunnel VPN gateway and Google Cloud HA VPN, as plain data:
// every check runs here, before anything is registered.
//
// HA VPN routes with BGP only: a Cloud Router holds one BGP session per tunnel. The 99.99% topology for a peer with
// two addresses (GCP_SOURCES.topologies) is an external VPN gateway with TWO_IPS_REDUNDANCY and two tunnels: HA VPN
// interface 0 to the peer's interface 0, interface 1 to interface 1. Alibaba's dual-tunnel connection sends its
// master tunnel from the gateway's internetIp and its slave from disasterRecoveryInternetIp, so: ONE Alibaba
// connection with routing bgp, its master tunnel to HA VPN interface 0 (external gateway interface 0 = internetIp),
// its slave tunnel to interface 1 (external interface 1 = disasterRecoveryInternetIp). Each tunnel's /30 gives GCP
// its first usable address (RouterInterface ipRange, RouterPeer's own address) and Alibaba the second
// (tunnelBgpConfig.localBgpIp = RouterPeer.peerIpAddress).
//
// Routes: the Cloud Router advertises gcp.vpcCidrs (advertiseMode CUSTOM): exactly the blocks the Alibaba connection
// names as peerSubnets, not every subnet of the VPC network (DEFAULT would announce all of them, including any that
// overlap the Alibaba VPC, which Alibaba would then learn). The master tunnel's peer gets priority 100 and the
// slave's 200 (advertisedRoutePriority: lower wins), so GCP sends over the master as Alibaba does.

import { ALIBABA_ASN } from "../bgp";
import { addressInBlock, cidrSyntaxError, contains, hasHostBits, networkAddress, overlaps, prefixLength } from "../cidr";
import { Finding, allowedList } from "../findings";
import { IpsecProfile, IpsecProfileInput } from "../profile";
import { SitePlan } from "../site";
import { CloudAlibabaEndSpec, planAlibabaEnd } from "./alibabaEnd";
import {
    GCP_BGP_RANGE,
    GCP_DH_NAME,
    GCP_IKEV1_SUITE,
    GCP_NAME_PATTERN,
    GCP_PHASE1_ENCRYPTION_NAME,
    GCP_PHASE1_INTEGRITY_NAME,
    GCP_PHASE2_ENCRYPTION_NAME,
    GCP_PHASE2_INTEGRITY_NAME,
    GCP_PRF_NAME,
    GCP_PROJECT_PATTERN,
    GCP_PSK_PATTERN,
    GCP_REGIONS,
    GCP_REGION_FOR_ALIBABA_REGION,
    GCP_SOURCES,
    isGcpRouterAsn,
} from "./gcp";
import { GCP } from "./intersection";

/** The Google Cloud end of a cloud link: an HA VPN gateway, a Cloud Router and two tunnels in `region`. */
export interface GcpEndSpec {
    /** The Google Cloud region, e.g. "asia-southeast1". */
    region: string;
    /** The VPC network (name or self link) the HA VPN gateway and the Cloud Router attach to. */
    network: string;
    /** The project. Default: the provider's. */
    project?: string;
    /** The VPC's subnet ranges: what the Cloud Router announces to Alibaba. */
    vpcCidrs: string[];
    /** The Cloud Router's ASN: RFC 6996 private (64512-65534, 4200000000-4294967294). Default 65010. */
    asn?: number;
    /** The tunnels' BGP blocks, master then slave: /30s of 169.254.0.0/16. Default 169.254.40.0/30 and 169.254.40.4/30. */
    bgpTunnelCidrs?: string[];
}

export interface GcpCloudLinkSpec {
    alibaba: CloudAlibabaEndSpec;
    gcp: GcpEndSpec;
    profile?: IpsecProfileInput;
    /** One key for both tunnels or one per tunnel (master, slave). Default: a random 32-character key each. */
    psks?: string[];
    configPath?: string;
}

/** GCP's cipher suite names (VPNTunnel cipherSuite). */
export interface GcpCipherSuite {
    phase1: { encryptions: string[]; integrities: string[]; prves: string[]; dhs: string[] };
    phase2: { encryptions: string[]; integrities: string[]; pfs: string[] };
}

export interface GcpCloudLinkPlan {
    cloud: "gcp";
    name: string;
    profile: IpsecProfile;
    /** The Alibaba site: the hub and its one BGP connection (master to HA VPN interface 0, slave to interface 1). */
    site: SitePlan;
    region: string;
    network: string;
    project?: string;
    asn: number;
    vpcCidrs: string[];
    ikeVersion: 1 | 2;
    cipherSuite: GcpCipherSuite;
    /** Per tunnel (master on interface 0, slave on interface 1): GCP's and Alibaba's BGP addresses and the /30. */
    bgpTunnels: Array<{ role: "master" | "slave"; interface: 0 | 1; tunnelCidr: string; gcpBgpIp: string; alibabaBgpIp: string }>;
    alibabaAsn: number;
    psks?: string[];
}

export const GCP_DEFAULT_ASN = 65010;
export const GCP_DEFAULT_BGP_TUNNEL_CIDRS = ["169.254.40.0/30", "169.254.40.4/30"];
/** advertisedRoutePriority of the master and slave tunnels' BGP peers (lower is preferred). */
export const GCP_ROUTE_PRIORITY = { master: 100, slave: 200 } as const;

/** The cipher suite a profile inside the intersection becomes: one value each, so GCP proposes and accepts only these. */
export function gcpCipherSuite(profile: IpsecProfile): GcpCipherSuite {
    return {
        phase1: {
            encryptions: [GCP_PHASE1_ENCRYPTION_NAME[profile.ike.encryption]!],
            integrities: [GCP_PHASE1_INTEGRITY_NAME[profile.ike.integrity]!],
            prves: [GCP_PRF_NAME[profile.ike.integrity]!],
            dhs: [GCP_DH_NAME[profile.ike.dhGroup]!],
        },
        phase2: {
            encryptions: [GCP_PHASE2_ENCRYPTION_NAME[profile.ipsec.encryption]!],
            integrities: [GCP_PHASE2_INTEGRITY_NAME[profile.ipsec.integrity]!],
            pfs: [GCP_DH_NAME[profile.ipsec.pfs as keyof typeof GCP_DH_NAME]!],
        },
    };
}

/** The /30's first and second usable addresses. */
export function bgpAddresses(cidr: string): { gcp: string; alibaba: string } {
    return { gcp: addressInBlock(cidr, 1), alibaba: addressInBlock(cidr, 2) };
}

/** Every finding about the Google Cloud end, from plain values. */
export function checkGcpEnd(gcp: GcpEndSpec, alibaba: CloudAlibabaEndSpec, psks: string[] | undefined, path: string, site: string): Finding[] {
    const findings: Finding[] = [];
    const error = (code: string, field: string, value: unknown, message: string, fix: string, allowed?: string) =>
        findings.push({ severity: "error", code, site, field: `${path}.${field}`, value, message, fix, ...(allowed ? { allowed } : {}) });

    if (!GCP_REGIONS.includes(gcp.region)) {
        const same = GCP_REGION_FOR_ALIBABA_REGION[gcp.region];
        error(
            "gcp.unknown-region",
            "gcp.region",
            gcp.region,
            `Google Cloud has no region of this name (${GCP_SOURCES.regions})${same ? "; it looks like an Alibaba Cloud region id" : ""}.`,
            same
                ? `set ${path}.gcp.region to ${same}, the Google Cloud region in the same city, or another Google Cloud region id.`
                : `set ${path}.gcp.region to a Google Cloud region id, e.g. asia-east2 (Hong Kong).`,
        );
    }
    // The network: a name (RFC 1035) or a self link .../projects/<p>/global/networks/<name>.
    const selfLink = /^(https:\/\/www\.googleapis\.com\/compute\/v1\/)?projects\/([^/]+)\/global\/networks\/([^/]+)$/.exec(gcp.network ?? "");
    const networkName = selfLink ? selfLink[3] : gcp.network;
    if (typeof networkName !== "string" || !GCP_NAME_PATTERN.test(networkName) || (selfLink && !GCP_PROJECT_PATTERN.test(selfLink[2]))) {
        error(
            "gcp.bad-network",
            "gcp.network",
            gcp.network,
            `not a VPC network name or self link: names are 1-63 lowercase letters, digits or dashes, starting with a letter and not ending with a dash (RFC 1035, ${GCP_SOURCES.names}).`,
            `set ${path}.gcp.network to the network's name (e.g. vpc-hk) or its self link (projects/<project>/global/networks/<name>).`,
        );
    }
    if (gcp.project !== undefined && !(typeof gcp.project === "string" && GCP_PROJECT_PATTERN.test(gcp.project))) {
        error(
            "gcp.bad-project",
            "gcp.project",
            gcp.project,
            `not a project id: 6 to 30 lowercase letters, digits or hyphens, starting with a letter and not ending with a hyphen (${GCP_SOURCES.projectIds}).`,
            `set ${path}.gcp.project to the project id (not its name or number), or leave it out for the provider's.`,
        );
    }
    if (!Array.isArray(gcp.vpcCidrs) || gcp.vpcCidrs.length === 0) {
        error(
            "gcp.vpc-cidrs",
            "gcp.vpcCidrs",
            gcp.vpcCidrs,
            "the Google Cloud networks behind the VPN are needed: the Cloud Router announces them and the Alibaba connection names them.",
            `set ${path}.gcp.vpcCidrs to the VPC network's subnet ranges.`,
        );
    } else {
        gcp.vpcCidrs.forEach((cidr, i) => {
            const problem = cidrSyntaxError(cidr);
            if (problem || hasHostBits(cidr)) {
                error(
                    "gcp.vpc-cidrs",
                    `gcp.vpcCidrs[${i}]`,
                    cidr,
                    problem ? `not an IPv4 CIDR block: ${problem}.` : "the block has host bits set; the Cloud Router advertises network addresses.",
                    `write ${path}.gcp.vpcCidrs[${i}] like 10.70.0.0/20.`,
                );
                return;
            }
            if (typeof alibaba.vpcCidr === "string" && cidrSyntaxError(alibaba.vpcCidr) === undefined && overlaps(cidr, alibaba.vpcCidr)) {
                error(
                    "gcp.vpc-overlap",
                    `gcp.vpcCidrs[${i}]`,
                    cidr,
                    `overlaps the Alibaba VPC ${alibaba.vpcCidr}: each end would take the other's addresses for its own and the routes learned over BGP could not be used.`,
                    `use non-overlapping address space on the two clouds (change ${path}.gcp.vpcCidrs[${i}] or ${path}.alibaba.vpcCidr).`,
                );
            }
        });
    }

    // Cloud Router ASN.
    const asn = gcp.asn ?? GCP_DEFAULT_ASN;
    if (!isGcpRouterAsn(asn)) {
        error(
            "gcp.asn",
            "gcp.asn",
            gcp.asn,
            `a Cloud Router for HA VPN takes an RFC 6996 private ASN, 16-bit or 32-bit (${GCP_SOURCES.routerApi}); ` +
                `the public ASN 16550 is for Partner Interconnect only (${GCP_SOURCES.bgpSessions}).`,
            `set ${path}.gcp.asn to a private ASN such as ${GCP_DEFAULT_ASN}, or leave it out.`,
            "64512-65534 or 4200000000-4294967294",
        );
    } else if (asn === ALIBABA_ASN) {
        error("gcp.asn", "gcp.asn", asn, `the Alibaba end uses ASN ${asn}: an eBGP session needs two different ASNs.`, `set ${path}.gcp.asn to another private ASN, e.g. ${GCP_DEFAULT_ASN}.`);
    }

    // BGP /30s: two, link-local, distinct.
    const cidrs = gcp.bgpTunnelCidrs ?? GCP_DEFAULT_BGP_TUNNEL_CIDRS;
    if (!Array.isArray(cidrs) || cidrs.length !== 2) {
        error(
            "gcp.bgp-cidr",
            "gcp.bgpTunnelCidrs",
            cidrs,
            "two BGP blocks are needed: one per HA VPN tunnel (master on interface 0, slave on interface 1).",
            `list two /30 blocks of 169.254.0.0/16 in ${path}.gcp.bgpTunnelCidrs, or leave it out for ${allowedList(GCP_DEFAULT_BGP_TUNNEL_CIDRS)}.`,
        );
    } else {
        cidrs.forEach((cidr, i) => {
            const field = `gcp.bgpTunnelCidrs[${i}]`;
            const bad = (message: string) =>
                error("gcp.bgp-cidr", field, cidr, message, `set ${path}.${field} to a free /30 such as ${i === 0 ? "169.254.40.0/30" : "169.254.40.4/30"}.`, "a /30 inside 169.254.0.0/16");
            const shaped = typeof cidr === "string" && cidrSyntaxError(cidr) === undefined && prefixLength(cidr) === 30 && contains(GCP_BGP_RANGE, cidr);
            if (shaped && hasHostBits(cidr)) {
                // Written with host bits (169.254.40.2/30): the fix is the block's network address.
                error(
                    "gcp.bgp-cidr",
                    field,
                    cidr,
                    "a /30 is written by its network address; this one has host bits set.",
                    `set ${path}.${field} to ${networkAddress(cidr)}/30.`,
                    "a /30 inside 169.254.0.0/16",
                );
                return;
            }
            if (!shaped) {
                bad(`a tunnel's BGP block is a /30 in the link-local range 169.254.0.0/16: the Cloud Router interface's ipRange must be in the RFC3927 link-local IP space (${GCP_SOURCES.routerInterface}) and Alibaba's tunnelCidr a /30 of 169.254.0.0/16.`);
                return;
            }
            const twin = cidrs.findIndex((other, j) => j < i && cidrSyntaxError(other) === undefined && overlaps(other, cidr));
            if (twin >= 0) {
                bad(`${path}.gcp.bgpTunnelCidrs[${twin}] already uses it; each tunnel's BGP session needs a /30 of its own on the Cloud Router (modelled).`);
            }
        });
    }

    // Pre-shared keys: GCP takes printable ASCII; Alibaba's rules (checked by the site planner) are stricter.
    if (psks !== undefined && psks.length !== 1 && psks.length !== 2) {
        error("gcp.psk", "psks", `${psks.length} keys`, "give one key for both tunnels or one per tunnel (master, slave).", `list one or two keys in ${path}.psks, or leave it out for random keys.`);
    }
    (psks ?? []).forEach((psk, i) => {
        if (typeof psk !== "string" || !GCP_PSK_PATTERN.test(psk)) {
            findings.push({
                severity: "error",
                code: "gcp.psk",
                site,
                field: `${path}.psks[${i}]`,
                value: "[secret]",
                allowed: "printable ASCII characters (space to ~), at least one",
                message: `Google Cloud takes a shared secret of printable ASCII characters only, "[ -~]+" (${GCP_SOURCES.sharedSecret}).`,
                fix: `set ${path}.psks[${i}] to 32 random letters and digits (${GCP_SOURCES.strongPsk}), or leave ${path}.psks out for random keys.`,
            });
        }
    });
    return findings;
}

/** IKEv1 on Cloud VPN: one suite (aes/sha1/group2 both phases, 36,600 s). The library builds IKEv2 links to GCP. */
function checkGcpIkeVersion(profile: IpsecProfile, path: string, site: string): Finding[] {
    if (profile.ike.version !== "ikev1") {
        return [];
    }
    return [
        {
            severity: "error",
            code: "gcp.ikev1",
            site,
            field: `${path}.profile.ike.version`,
            value: "ikev1",
            allowed: "ikev2",
            message:
                `Cloud VPN's IKEv1 offers one suite only: ${GCP_IKEV1_SUITE.encryption}/${GCP_IKEV1_SUITE.integrity}/${GCP_IKEV1_SUITE.dhGroup} in both phases ` +
                `with a 36,600 s phase 1 lifetime (${GCP_SOURCES.ciphers}), weak values this library does not build cloud links with.`,
            fix: `set ${path}.profile.ike.version to ikev2 (the default).`,
        },
    ];
}

/**
 * Plans a Google Cloud link: the GCP end's checks, the profile against both clouds, and the Alibaba site (hub and
 * one BGP connection) through the site planner. Nothing is created.
 */
export function planGcpCloudLink(name: string, spec: GcpCloudLinkSpec): { plan?: GcpCloudLinkPlan; findings: Finding[] } {
    const path = spec.configPath ?? name;
    const gcp = spec.gcp;
    const vpcCidrs = Array.isArray(gcp.vpcCidrs) ? gcp.vpcCidrs : [];
    const cidrs = gcp.bgpTunnelCidrs ?? GCP_DEFAULT_BGP_TUNNEL_CIDRS;
    const asn = gcp.asn ?? GCP_DEFAULT_ASN;
    const endFindings = checkGcpEnd(gcp, spec.alibaba, spec.psks, path, name);
    const plannable = endFindings.length === 0;
    const planned = planAlibabaEnd(name, GCP, spec, endFindings, (profileInput) =>
        plannable
            ? [
                  {
                      name: `${name}-gcp`,
                      peerSubnets: vpcCidrs,
                      alibabaSubnets: spec.alibaba.alibabaSubnets,
                      profile: profileInput,
                      // Two customer gateways: the master's for HA VPN interface 0's address, the slave's for interface 1's.
                      separateSlavePeer: true,
                      routing: "bgp",
                      routingMode: "destination",
                      peerAsn: asn,
                      bgp: {
                          tunnels: cidrs.map((tunnelCidr) => ({ tunnelCidr, localBgpIp: bgpAddresses(tunnelCidr).alibaba })),
                      },
                      // The keys go to one connection, master then slave: the user's order, so Alibaba's checks name them right.
                      psks: spec.psks,
                      peerPlatforms: [],
                      configPath: path,
                  },
              ]
            : undefined,
    );
    const findings = [...planned.findings];
    for (const f of checkGcpIkeVersion(planned.profile, path, name)) {
        findings.push(f);
    }
    if (!planned.site || findings.some((f) => f.severity === "error")) {
        return { findings };
    }
    const roles: Array<"master" | "slave"> = ["master", "slave"];
    return {
        findings,
        plan: {
            cloud: "gcp",
            name,
            profile: planned.profile,
            site: planned.site,
            region: gcp.region,
            network: gcp.network,
            project: gcp.project,
            asn,
            vpcCidrs,
            ikeVersion: planned.profile.ike.version === "ikev1" ? 1 : 2,
            cipherSuite: gcpCipherSuite(planned.profile),
            bgpTunnels: roles.map((role, i) => ({
                role,
                interface: i as 0 | 1,
                tunnelCidr: cidrs[i],
                gcpBgpIp: bgpAddresses(cidrs[i]).gcp,
                alibabaBgpIp: bgpAddresses(cidrs[i]).alibaba,
            })),
            alibabaAsn: planned.site.links[0].bgp?.localAsn ?? ALIBABA_ASN,
            psks: spec.psks && (spec.psks.length === 1 ? [spec.psks[0], spec.psks[0]] : spec.psks),
        },
    };
}

