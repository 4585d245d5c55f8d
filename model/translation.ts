// Overlapping networks (seed 001, issue 17): a link whose peer uses the same addresses as the VPC is carried under
// translated blocks instead of being renumbered. Alibaba's documented way is a VPC NAT gateway (an intranet NAT
// gateway, https://www.alibabacloud.com/help/en/nat-gateway/user-guide/what-is-a-vpc-nat-gateway, "Allow VPCs
// that have conflicting CIDR blocks to access each other"): the VPC appears to the peer as a NAT IP CIDR block;
// SNAT turns the VPC's sources into a NAT IP on the way out, DNAT (forward) entries map one NAT IP each to the
// VPC hosts the peer must reach. The connection's selectors and every route then carry the translated blocks.
// When the peer's networks overlap the VPC itself, the VPC would route replies to its own block, so the peer
// must translate too (1:1 NETMAP to a block of the same size, rendered into its config); when the collision is
// elsewhere (another link's peer, a range the peer uses behind the tunnel's back), Alibaba's side suffices.
// Pure: no Pulumi.
import { candidates } from "../checks/overlaps";
import { cidrSyntaxError, contains, firstFreeBlock, hasHostBits, isIpv4Address, overlaps, parseCidr, prefixLength } from "./cidr";
import { Finding } from "./findings";
import { reservedRouteProblem } from "./link";

/** Whether the peer translates its own networks too. */
export const PeerTranslation = {
    /** The peer translates exactly when one of its networks overlaps the VPC (the VPC would keep replies to itself). */
    Auto: "auto",
    /** The peer maps its networks overlapping the VPC (or its only network) 1:1 to peerBlock, overlap or not. */
    Netmap: "netmap",
    /** The peer translates nothing: refused when its networks overlap the VPC. */
    None: "none",
} as const;
export type PeerTranslation = (typeof PeerTranslation)[keyof typeof PeerTranslation];

/** A link carried under translated blocks instead of renumbering either side (plain data). */
export interface LinkTranslationSpec {
    /**
     * The block the VPC appears as to the peer: the VPC NAT gateway's NAT IP CIDR. Default: a free /24 (free on both
     * sides, inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 as Alibaba requires of NAT IP CIDRs).
     */
    alibabaBlock?: string;
    /**
     * The block the peer's network that overlaps the VPC appears as to the VPC (the peer maps it 1:1, so it has the
     * same prefix length). Default: a free block of that size. Unused when the peer need not translate.
     */
    peerBlock?: string;
    /**
     * VPC hosts the peer must reach (addresses, or small ranges as CIDR blocks): each gets a NAT IP in alibabaBlock
     * and a DNAT entry. Without any, the peer reaches nothing in the VPC, and the VPC reaches the peer (SNAT).
     */
    exposedHosts?: string[];
    /** Whether the peer translates too. Default auto. */
    peerTranslation?: PeerTranslation;
    /** The vSwitch (by name) the NAT gateway lives in; it gets its own route table. Default: the VPN gateway's vSwitch. */
    vswitch?: string;
}

/**
 * The NAT IP CIDR rule of CreateNatIpCidr (the provider's alicloud_vpc_nat_ip_cidr, @pulumi/alicloud vpc/natIpCidr.d.ts;
 * https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-vpc-natipcidr): inside 10.0.0.0/8,
 * 172.16.0.0/12 or 192.168.0.0/16, mask /16 to /32, not overlapping the VPC's block. (A public block is allowed only
 * inside a customer CIDR of the VPC, which this library does not manage; 100.64.0.0/10 is neither, so it is refused.)
 */
export const NAT_IP_CIDR_PARENTS = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];
export const NAT_IP_CIDR_MIN_PREFIX = 16;
export const NAT_IP_CIDR_MAX_PREFIX = 32;
/**
 * natgw_quota_nat_ip_num_per_vpc_nat: NAT IP addresses per VPC NAT gateway, default 15 (adjustable in Quota Center;
 * https://www.alibabacloud.com/help/en/nat-gateway/user-guide/quotas). One is the SNAT address, one each exposed host.
 */
export const MAX_NAT_IPS_PER_VPC_NAT_GATEWAY = 15;
/** The size of a picked alibabaBlock: room for the quota's 15 NAT IPs and more. */
export const DEFAULT_ALIBABA_BLOCK_PREFIX = 24;

export interface TranslationInput {
    /** The link's name and the config prefix of its arguments ("site.links[0]"). */
    link: string;
    path: string;
    /** The VPC's block (what the VPC routes locally). */
    vpcCidr: string;
    /** The VPC's vSwitches by name, and the VPN gateway's (index), the NAT gateway's default home. */
    vswitches: Array<{ name: string; cidr: string }>;
    gatewayVswitch: number;
    /** The peer's real networks (the link's peerSubnets). */
    peerSubnets: string[];
    spec: LinkTranslationSpec;
    /** Every block already in use elsewhere in the topology (sites, other peers, well-known ranges, other translations). */
    used: string[];
}

export interface NatIpPlan {
    resourceName: string;
    name: string;
    address: string;
}

/** What to create for a translated link, and the blocks its connection and routes carry instead of the real ones. */
export interface TranslationPlan {
    link: string;
    /** The VPC's real block and the block it appears as (the NAT IP CIDR). */
    alibabaReal: string;
    alibabaBlock: string;
    /** Whether the peer translates too, and why (for the rendered config's header and the plan). */
    peerTranslates: boolean;
    peerReason: string;
    /** The peer's networks that it translates: real -> translated (empty when it translates nothing). */
    peerMap: Array<{ real: string; translated: string }>;
    /** The peer's networks as the VPC sees them: the connection's remote subnets and the routes' destinations. */
    peerSubnets: string[];
    natGateway: { resourceName: string; name: string; vswitch: number; description: string };
    natIpCidr: { resourceName: string; name: string; cidr: string };
    snatIp: NatIpPlan;
    snatEntry: { resourceName: string; name: string; sourceCidr: string };
    forwardEntries: Array<{ resourceName: string; name: string; natIp: NatIpPlan; internalIp: string }>;
    /** The NAT gateway's vSwitch's own route table: the peer's translated blocks go from there to the VPN gateway. */
    routeTable: { resourceName: string; name: string };
}

function slugOf(text: string): string {
    return text.replace(/[./]/g, "-");
}

/** The address `offset` after the network address of `cidr`. */
function hostIn(cidr: string, offset: number): string {
    const value = parseCidr(cidr).first + offset;
    return [24, 16, 8, 0].map((s) => Math.floor(value / 2 ** s) % 256).join(".");
}

/** The addresses of an exposed entry: one address, or every address of a small block. */
function exposedAddresses(entry: string): string[] {
    if (isIpv4Address(entry)) {
        return [entry];
    }
    const block = parseCidr(entry);
    const count = block.last - block.first + 1;
    return Array.from({ length: Math.min(count, 64) }, (_, i) => hostIn(entry, i));
}

/** How many NAT IPs an exposed entry needs (an address: one; a block: one per address). */
function exposedCount(entry: string): number {
    if (isIpv4Address(entry)) {
        return 1;
    }
    const block = parseCidr(entry);
    return block.last - block.first + 1;
}

/**
 * The blocks a translation would use when not given: alibabaBlock a free /24 among the private candidates (outside
 * the VPC and everything in `used`), peerBlock a free block of the real peer block's size (outside those and
 * alibabaBlock). checks/overlaps.ts offers exactly these in its fix.
 */
export function pickTranslationBlocks(
    used: readonly string[],
    vpcCidr: string,
    realPeer?: string,
    given: { alibabaBlock?: string; peerBlock?: string } = {},
): { alibabaBlock?: string; peerBlock?: string } {
    const taken = [...used, vpcCidr, ...(realPeer ? [realPeer] : [])].filter((b) => !cidrSyntaxError(b));
    const natParents = (b: string) => NAT_IP_CIDR_PARENTS.some((p) => contains(p, b));
    const alibabaBlock =
        given.alibabaBlock ??
        firstFreeBlock(candidates(DEFAULT_ALIBABA_BLOCK_PREFIX).filter(natParents), [
            ...taken,
            ...(given.peerBlock && !cidrSyntaxError(given.peerBlock) ? [given.peerBlock] : []),
        ]);
    const peerBlock =
        realPeer === undefined || cidrSyntaxError(realPeer)
            ? undefined
            : (given.peerBlock ??
              firstFreeBlock(candidates(prefixLength(realPeer)), [
                  ...taken,
                  ...(alibabaBlock && !cidrSyntaxError(alibabaBlock) ? [alibabaBlock] : []),
              ]));
    return { alibabaBlock, peerBlock };
}

/** The peer's networks that overlap the VPC: what the VPC would keep to itself. */
export function overlappingPeerBlocks(vpcCidr: string, peerSubnets: readonly string[]): string[] {
    return cidrSyntaxError(vpcCidr) ? [] : peerSubnets.filter((b) => !cidrSyntaxError(b) && overlaps(b, vpcCidr));
}

/**
 * Checks a link's translation and plans it. Every finding names the key as written under `<path>.translation`, the
 * value and the fix; the plan is returned only when there is no error.
 */
export function planTranslation(input: TranslationInput): { plan?: TranslationPlan; findings: Finding[] } {
    const { link, path, vpcCidr, spec } = input;
    const at = (field: string) => `${path}.translation.${field}`;
    const findings: Finding[] = [];
    const error = (code: string, field: string, value: unknown, message: string, fix: string, allowed?: string) =>
        findings.push({ severity: "error", code, site: link, field, value, message, fix, ...(allowed ? { allowed } : {}) });
    const mode: PeerTranslation = spec.peerTranslation ?? "auto";
    if (!Object.values(PeerTranslation).includes(mode)) {
        error(
            "translation.bad-peer-translation",
            at("peerTranslation"),
            mode,
            "not a peer translation mode.",
            `set ${at("peerTranslation")} to auto, netmap or none.`,
            "auto, netmap, none",
        );
        return { findings };
    }
    if (cidrSyntaxError(vpcCidr)) {
        return { findings }; // the hub's own check reports it
    }
    const overlapping = overlappingPeerBlocks(vpcCidr, input.peerSubnets);
    const peerTranslates = mode === "netmap" || (mode === "auto" && overlapping.length > 0);
    if (mode === "none" && overlapping.length > 0) {
        error(
            "translation.peer-must-translate",
            at("peerTranslation"),
            mode,
            `the peer's ${overlapping.join(", ")} overlaps the VPC's ${vpcCidr}: the VPC delivers replies to those addresses inside itself, so the peer must present them under another block.`,
            `remove ${at("peerTranslation")} (auto: the peer translates), or narrow ${path}.peerSubnets so it leaves ${vpcCidr} alone.`,
        );
    }
    const toTranslate = mode === "netmap" && overlapping.length === 0 ? input.peerSubnets.slice(0, 1) : overlapping;
    if (peerTranslates && toTranslate.length > 1) {
        error(
            "translation.several-peer-blocks",
            `${path}.peerSubnets`,
            toTranslate,
            "the peer maps one network 1:1 onto peerBlock, but several of its networks overlap the VPC.",
            `summarise ${path}.peerSubnets into one block (e.g. ${toTranslate.join(" + ")} as their common supernet), or split the link.`,
        );
        return { findings };
    }
    const realPeer = peerTranslates ? toTranslate[0] : undefined;

    const blockProblems = (field: "alibabaBlock" | "peerBlock", block: string | undefined): boolean => {
        if (block === undefined) {
            return false;
        }
        const problem = cidrSyntaxError(block);
        if (problem) {
            error("translation.bad-block", at(field), block, `${problem}.`, `write ${at(field)} as network/prefix, e.g. 172.20.0.0/24.`);
            return true;
        }
        if (hasHostBits(block)) {
            error(
                "translation.bad-block",
                at(field),
                block,
                "the address has host bits set beyond the prefix.",
                `write ${parseCidr(block).text} instead of ${block}.`,
            );
            return true;
        }
        return false;
    };
    const badAlibaba = blockProblems("alibabaBlock", spec.alibabaBlock);
    const badPeer = blockProblems("peerBlock", spec.peerBlock);
    if (badAlibaba || badPeer) {
        return { findings };
    }
    const used = input.used.filter((b) => !cidrSyntaxError(b));
    const picked = pickTranslationBlocks(used, vpcCidr, realPeer, spec);
    const alibabaBlock = picked.alibabaBlock;
    if (!alibabaBlock) {
        error(
            "translation.no-free-block",
            at("alibabaBlock"),
            undefined,
            "no free /24 is left among the private candidates.",
            `set ${at("alibabaBlock")} to a free private block.`,
        );
        return { findings };
    }
    const suggestion = pickTranslationBlocks(used, vpcCidr, realPeer).alibabaBlock ?? "a free private block";

    // The NAT IP CIDR rule (CreateNatIpCidr): a private block, /16 to /32, outside the VPC.
    const prefix = prefixLength(alibabaBlock);
    if (!NAT_IP_CIDR_PARENTS.some((p) => contains(p, alibabaBlock)) || prefix < NAT_IP_CIDR_MIN_PREFIX || prefix > NAT_IP_CIDR_MAX_PREFIX) {
        error(
            "translation.nat-cidr-range",
            at("alibabaBlock"),
            alibabaBlock,
            `a VPC NAT gateway's NAT IP CIDR must lie inside ${NAT_IP_CIDR_PARENTS.join(", ")} with a mask of /${NAT_IP_CIDR_MIN_PREFIX} to /${NAT_IP_CIDR_MAX_PREFIX} (CreateNatIpCidr; public blocks only inside a customer CIDR of the VPC, and 100.64.0.0/10 is neither).`,
            `set ${at("alibabaBlock")} to e.g. ${suggestion}.`,
            `inside ${NAT_IP_CIDR_PARENTS.join(", ")}, /${NAT_IP_CIDR_MIN_PREFIX}../${NAT_IP_CIDR_MAX_PREFIX}`,
        );
    }
    const collide = (field: "alibabaBlock" | "peerBlock", block: string, fix: string) => {
        const against: Array<[string, string]> = [
            [vpcCidr, "the VPC's own block"],
            ...input.peerSubnets.filter((b) => !cidrSyntaxError(b)).map((b): [string, string] => [b, "the peer's network"]),
            ...used.map((b): [string, string] => [b, "a block already used in the topology"]),
        ];
        const hit = against.find(([b]) => overlaps(b, block));
        if (hit) {
            error(
                "translation.block-collides",
                at(field),
                block,
                `${block} overlaps ${hit[1]} ${hit[0]}: a translated block must be free on both sides, or the collision only moves.`,
                fix,
            );
        }
    };
    collide("alibabaBlock", alibabaBlock, `set ${at("alibabaBlock")} to a block that collides with nothing, e.g. ${suggestion}.`);
    let peerBlock: string | undefined;
    if (realPeer !== undefined) {
        peerBlock = picked.peerBlock;
        if (!peerBlock) {
            error(
                "translation.no-free-block",
                at("peerBlock"),
                undefined,
                `no free /${prefixLength(realPeer)} is left among the private candidates.`,
                `set ${at("peerBlock")} to a free block.`,
            );
            return { findings };
        }
        const peerSuggestion = pickTranslationBlocks(used, vpcCidr, realPeer, { alibabaBlock }).peerBlock ?? "a free block";
        if (prefixLength(peerBlock) !== prefixLength(realPeer)) {
            error(
                "translation.peer-block-size",
                at("peerBlock"),
                peerBlock,
                `the peer maps ${realPeer} 1:1 (NETMAP), so its translated block has the same prefix length /${prefixLength(realPeer)}.`,
                `set ${at("peerBlock")} to a free /${prefixLength(realPeer)}, e.g. ${peerSuggestion}.`,
            );
        }
        const reserved = reservedRouteProblem(peerBlock);
        if (reserved) {
            error(
                "translation.reserved-block",
                at("peerBlock"),
                peerBlock,
                reserved,
                `set ${at("peerBlock")} to a private block, e.g. ${peerSuggestion}.`,
            );
        }
        collide("peerBlock", peerBlock, `set ${at("peerBlock")} to a block that collides with nothing, e.g. ${peerSuggestion}.`);
        if (overlaps(peerBlock, alibabaBlock)) {
            error(
                "translation.block-collides",
                at("peerBlock"),
                peerBlock,
                `overlaps alibabaBlock ${alibabaBlock}: the two translated sides would collide.`,
                `set ${at("peerBlock")} to e.g. ${peerSuggestion}.`,
            );
        }
    } else if (spec.peerBlock !== undefined) {
        findings.push({
            severity: "warning",
            code: "translation.peer-block-unused",
            site: link,
            field: at("peerBlock"),
            value: spec.peerBlock,
            message: `no network of the peer overlaps the VPC's ${vpcCidr}, so the peer translates nothing and peerBlock is unused (Alibaba's side suffices).`,
            fix: `remove ${at("peerBlock")}, or set ${at("peerTranslation")} to netmap if the peer must translate anyway.`,
        });
    }

    // DNAT targets: inside the VPC; the NAT IPs they need within the quota and the block.
    const exposed = spec.exposedHosts ?? [];
    let natIpsNeeded = 1;
    exposed.forEach((entry, i) => {
        const field = `${at("exposedHosts")}[${i}]`;
        if (!isIpv4Address(entry) && (cidrSyntaxError(entry) || hasHostBits(entry))) {
            error(
                "translation.bad-exposed-host",
                field,
                entry,
                "not an IPv4 address or CIDR block.",
                `write ${field} as an address in ${vpcCidr}, e.g. ${hostIn(vpcCidr, 10)}.`,
            );
            return;
        }
        const inside = isIpv4Address(entry) ? contains(vpcCidr, `${entry}/32`) : contains(vpcCidr, entry);
        if (!inside) {
            error(
                "translation.dnat-outside-vpc",
                field,
                entry,
                `a DNAT entry of the VPC NAT gateway maps a NAT IP to an address in its VPC, and ${entry} is outside ${vpcCidr}.`,
                `list only hosts of the VPC (${vpcCidr}) in ${at("exposedHosts")}, e.g. ${hostIn(vpcCidr, 10)}.`,
            );
        }
        natIpsNeeded += exposedCount(entry);
    });
    // CreateForwardEntry: IpProtocol, InternalIp and InternalPort unique per table (https://www.alibabacloud.com/help/doc-detail/36058.htm).
    const seen = new Map<string, number>();
    exposed.forEach((entry, i) => {
        if (!isIpv4Address(entry) && (cidrSyntaxError(entry) || hasHostBits(entry))) {
            return;
        }
        for (const address of exposedAddresses(entry)) {
            const first = seen.get(address);
            if (first !== undefined && first !== i) {
                error(
                    "translation.duplicate-exposed-host",
                    `${at("exposedHosts")}[${i}]`,
                    entry,
                    `${address} is already exposed by ${at("exposedHosts")}[${first}]; Alibaba takes one DNAT entry per internal address and protocol (CreateForwardEntry).`,
                    `remove the repeated address from ${at("exposedHosts")}[${i}].`,
                );
                return;
            }
            seen.set(address, i);
        }
    });
    if (natIpsNeeded > MAX_NAT_IPS_PER_VPC_NAT_GATEWAY) {
        error(
            "translation.too-many-nat-ips",
            at("exposedHosts"),
            exposed,
            `the translation needs ${natIpsNeeded} NAT IPs (one for SNAT, one per exposed address), above the VPC NAT gateway's quota of ${MAX_NAT_IPS_PER_VPC_NAT_GATEWAY} (natgw_quota_nat_ip_num_per_vpc_nat, https://www.alibabacloud.com/help/en/nat-gateway/user-guide/quotas).`,
            `expose at most ${MAX_NAT_IPS_PER_VPC_NAT_GATEWAY - 1} addresses in ${at("exposedHosts")} (a load balancer in front of several hosts takes one), or raise the quota in Quota Center and split the hosts over a second link.`,
            `1 + exposed addresses <= ${MAX_NAT_IPS_PER_VPC_NAT_GATEWAY}`,
        );
    } else if (parseCidr(alibabaBlock).last - parseCidr(alibabaBlock).first - 1 < natIpsNeeded) {
        error(
            "translation.block-too-small",
            at("alibabaBlock"),
            alibabaBlock,
            `${alibabaBlock} has too few host addresses for ${natIpsNeeded} NAT IPs.`,
            `set ${at("alibabaBlock")} to a larger block, e.g. ${suggestion}.`,
        );
    }
    let vswitch = input.gatewayVswitch;
    if (spec.vswitch !== undefined) {
        vswitch = input.vswitches.findIndex((v) => v.name === spec.vswitch);
        if (vswitch < 0) {
            error(
                "translation.unknown-vswitch",
                at("vswitch"),
                spec.vswitch,
                "no vSwitch of the site has this name.",
                `set ${at("vswitch")} to one of ${input.vswitches.map((v) => v.name).join(", ")}.`,
            );
        }
    }
    if (findings.some((f) => f.severity === "error")) {
        return { findings };
    }

    const peerMap = realPeer !== undefined && peerBlock ? [{ real: realPeer, translated: peerBlock }] : [];
    const peerSubnets = input.peerSubnets.map((b) => peerMap.find((m) => m.real === b)?.translated ?? b);
    const name = `${link}-nat`;
    const natIp = (suffix: string, offset: number): NatIpPlan => ({
        resourceName: `${name}-ip-${suffix}`,
        name: `${link}-${suffix}`,
        address: hostIn(alibabaBlock, offset),
    });
    const snatIp = natIp("snat", 1);
    const addresses = exposed.flatMap(exposedAddresses);
    const peerReason = peerTranslates
        ? mode === "netmap"
            ? `the peer maps ${realPeer} to ${peerBlock} (peerTranslation: netmap).`
            : `the peer's ${realPeer} overlaps the VPC's ${vpcCidr}: the VPC would keep replies to it, so the peer presents it as ${peerBlock}.`
        : `no network of the peer overlaps the VPC's ${vpcCidr}: Alibaba's side suffices, the peer translates nothing and sees the VPC as ${alibabaBlock}.`;
    return {
        findings,
        plan: {
            link,
            alibabaReal: vpcCidr,
            alibabaBlock,
            peerTranslates,
            peerReason,
            peerMap,
            peerSubnets,
            natGateway: {
                resourceName: name,
                name,
                vswitch,
                description: `Presents ${vpcCidr} as ${alibabaBlock} to ${link}${peerMap.map((m) => `; the peer presents ${m.real} as ${m.translated}`).join("")}`,
            },
            natIpCidr: { resourceName: `${name}-cidr`, name: `${link}-translated`, cidr: alibabaBlock },
            snatIp,
            snatEntry: { resourceName: `${name}-snat`, name: `${link}-snat`, sourceCidr: vpcCidr },
            forwardEntries: addresses.map((internalIp, i) => ({
                resourceName: `${name}-dnat-${slugOf(internalIp)}`,
                name: `${link}-dnat-${slugOf(internalIp)}`,
                natIp: natIp(`dnat-${slugOf(internalIp)}`, 2 + i),
                internalIp,
            })),
            routeTable: { resourceName: `${name}-rtb`, name: `${link}-nat` },
        },
    };
}
