// Hub-and-spoke with BGP (issue 16): every hub-spoke connection runs eBGP per tunnel between the two Alibaba VPN
// gateways; each spoke announces its VPC, the hub announces its own and re-announces every spoke's, so the spokes
// learn each other through the hub with no per-site static route. Pure: the BGP settings of both ends of every
// connection, and a path-vector simulation (RFC 4271 9.1: AS_PATH loop detection, shortest path wins) that shows
// what each gateway learns, before anything exists.
import { BgpSpec, allocateTunnelCidrs, checkGatewayBgp, isPrivateAsn, reservedAsn } from "./bgp";
import { Finding } from "./findings";
import { SiteShape } from "./hubAndSpoke";

export interface HubAndSpokeBgpArgs {
    /** The hub gateway's ASN. Default 65000. */
    hubAsn?: number;
    /** One ASN per spoke gateway, in the spokes' order. Default 65001, 65002, ... */
    spokeAsns?: number[];
    /** Where the tunnels' /30s come from. Default 169.254.21.0/24 (skipping the /30s AWS reserves). */
    tunnelPool?: string;
}

/** Both ends of one hub-spoke connection: each end's BGP settings and the ASN of the gateway it peers with. */
export interface SpokeBgpPlan {
    spoke: string;
    hubEnd: { bgp: BgpSpec; peerAsn: number };
    spokeEnd: { bgp: BgpSpec; peerAsn: number };
}

/**
 * The BGP of every connection: two /30s per connection on a dual-tunnel hub (one per tunnel), the hub's end on the
 * first address of each, the spoke's on the second; distinct private ASNs. Findings for bad or repeated ASNs.
 */
export function planHubAndSpokeBgp(
    hub: SiteShape,
    spokes: readonly SiteShape[],
    args: HubAndSpokeBgpArgs,
    tunnelCount: number,
    path: string,
): { connections: SpokeBgpPlan[]; findings: Finding[] } {
    const hubAsn = args.hubAsn ?? 65000;
    const spokeAsns = spokes.map((_, i) => args.spokeAsns?.[i] ?? 65001 + i);
    const findings: Finding[] = [];
    const asns = [
        { asn: hubAsn, field: `${path}.bgp.hubAsn`, site: hub.name },
        ...spokeAsns.map((asn, i) => ({ asn, field: `${path}.bgp.spokeAsns[${i}]`, site: spokes[i].name })),
    ];
    const seen = new Map<number, string>();
    for (const { asn, field, site } of asns) {
        const reserved = !Number.isInteger(asn) || asn < 1 || asn > 4294967295 ? "not an AS number" : reservedAsn(asn);
        if (reserved || asn === 45104) {
            findings.push({
                severity: "error",
                code: "bgp.reserved-asn",
                site,
                field,
                value: asn,
                message: `${reserved ?? "45104 is Alibaba's own ASN, every gateway's default"}.`,
                fix: `give ${site} a private ASN of its own (64512-65534, RFC 6996).`,
            });
        } else if (!isPrivateAsn(asn)) {
            findings.push({
                severity: "warning",
                code: "bgp.public-asn",
                site,
                field,
                value: asn,
                message: `${asn} is a public ASN: use it only if your organisation holds it.`,
                fix: "use a private ASN (64512-65534).",
            });
        }
        const earlier = seen.get(asn);
        if (earlier) {
            // Two gateways with one ASN: each drops the other's routes as loops (its own AS in the path).
            findings.push({
                severity: "error",
                code: "bgp.duplicate-asn",
                site,
                field,
                value: asn,
                message: `${earlier} has the same ASN: a spoke would drop the routes the hub re-announces from it (its own AS in the AS path), so the spokes could not learn each other.`,
                fix: `give ${field} an ASN no other site uses.`,
            });
        }
        seen.set(asn, field);
    }
    if (findings.some((f) => f.severity === "error")) {
        return { connections: [], findings };
    }
    const cidrs = allocateTunnelCidrs(spokes.length * tunnelCount, [], args.tunnelPool);
    const connections = spokes.map((spoke, i): SpokeBgpPlan => {
        const mine = cidrs.slice(i * tunnelCount, (i + 1) * tunnelCount);
        const others = [hub, ...spokes.filter((s) => s !== spoke)].map((s) => s.vpcCidr);
        const second = (cidr: string) => cidr.replace(/\.(\d+)\/30$/, (_m, last) => `.${Number(last) + 2}`);
        return {
            spoke: spoke.name,
            hubEnd: {
                peerAsn: spokeAsns[i],
                bgp: { localAsn: hubAsn, tunnels: mine.map((c) => ({ tunnelCidr: c })), peerAnnounces: [spoke.vpcCidr], alibabaAnnounces: others },
            },
            spokeEnd: {
                peerAsn: hubAsn,
                bgp: { localAsn: spokeAsns[i], tunnels: mine.map((c) => ({ tunnelCidr: c, localBgpIp: second(c) })), peerAnnounces: others, alibabaAnnounces: [spoke.vpcCidr] },
            },
        };
    });
    // The hub's gateway holds every connection's /30s: unique by construction, checked anyway.
    findings.push(
        ...checkGatewayBgp(connections.map((c, i) => ({ name: c.spoke, path: `${path}.spokes[${i}]`, routing: "bgp" as const, bgp: c.hubEnd.bgp, peerAsn: c.hubEnd.peerAsn }))),
    );
    return { connections, findings };
}

/** A BGP speaker of the simulation: its ASN and the networks it originates. */
export interface Speaker {
    name: string;
    asn: number;
    networks: string[];
}

/** What a speaker knows of a prefix: the AS path (nearest first) and the speaker it learned it from (none: its own). */
export interface RibEntry {
    asPath: number[];
    from?: string;
}

/**
 * Every speaker's best route to every prefix once the eBGP sessions have converged: each advertises its best
 * routes to every neighbour with its ASN prepended; a speaker drops a path that already holds its own ASN (RFC 4271
 * 9.1.2) and keeps the shortest AS path (ties: the first learned, by session order).
 */
export function simulateBgp(speakers: readonly Speaker[], sessions: ReadonlyArray<[string, string]>): Record<string, Record<string, RibEntry>> {
    const byName = new Map(speakers.map((s) => [s.name, s]));
    const rib: Record<string, Record<string, RibEntry>> = Object.fromEntries(
        speakers.map((s) => [s.name, Object.fromEntries(s.networks.map((n) => [n, { asPath: [] } as RibEntry]))]),
    );
    const neighbours = (name: string) => sessions.flatMap(([a, b]) => (a === name ? [b] : b === name ? [a] : []));
    for (let round = 0, changed = true; changed && round <= speakers.length + 1; round++) {
        changed = false;
        for (const speaker of speakers) {
            for (const neighbour of neighbours(speaker.name)) {
                const asn = byName.get(neighbour)!.asn;
                for (const [prefix, entry] of Object.entries(rib[neighbour])) {
                    const path = [asn, ...entry.asPath];
                    if (path.includes(speaker.asn) || entry.from === speaker.name) {
                        continue;
                    }
                    const current = rib[speaker.name][prefix];
                    if (!current || (current.from !== undefined && path.length < current.asPath.length)) {
                        rib[speaker.name][prefix] = { asPath: path, from: neighbour };
                        changed = true;
                    }
                }
            }
        }
    }
    return rib;
}
