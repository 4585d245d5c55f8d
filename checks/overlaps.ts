// Address collisions: sites with each other, OpenVPN pools with sites, and ranges hosts route locally
// (Docker bridges, Kubernetes pods and services) with anything the tunnels carry.
import { firstFreeBlock, overlaps, parseCidr, prefixLength } from "../model/cidr";
import { Finding } from "../model/findings";
import { Block, Site, Topology, WellKnownRange, allWellKnownRanges, siteBlocks } from "../model/topology";
import { pickTranslationBlocks } from "../model/translation";
import { isCidr, validBlocks } from "./common";

interface Owned extends Block {
    owner: string;
    /** The site the block belongs to; a pool belongs to its server's site but is its own address space. */
    site: string;
}

function ownedSiteBlocks(topology: Topology): Owned[] {
    return topology.sites.flatMap((s: Site) => validBlocks(siteBlocks(s)).map((b) => ({ ...b, owner: s.name, site: s.name })));
}

function ownedPools(topology: Topology): Owned[] {
    return topology.tunnelPools
        .filter((p) => isCidr(p.pool.cidr))
        .map((p) => ({ ...p.pool, owner: `OpenVPN pool ${p.name}`, site: p.site }));
}

/** Every block of the topology and every well-known range: what a suggested free block must avoid. */
export function everythingUsed(topology: Topology): string[] {
    return [
        ...ownedSiteBlocks(topology).map((b) => b.cidr),
        ...ownedPools(topology).map((b) => b.cidr),
        ...topology.connections.flatMap((c) => [...c.localSubnets.blocks, ...c.remoteSubnets.blocks].map((b) => b.cidr).filter(isCidr)),
        ...allWellKnownRanges(topology).map((w) => w.cidr).filter(isCidr),
    ];
}

/** Blocks of `prefix` length stepping up from a few private bases (172.20/16, 10.96/16, 192.168.200/24 first). */
export function candidates(prefix: number): string[] {
    const out: string[] = [];
    const size = 2 ** (32 - prefix);
    for (const [base, limit] of [
        ["172.20.0.0", "172.31.255.255"],
        ["10.96.0.0", "10.255.255.255"],
        ["192.168.200.0", "192.168.255.255"],
    ]) {
        const start = Math.ceil(parseCidr(`${base}/32`).first / size) * size;
        const end = parseCidr(`${limit}/32`).first;
        for (let first = start; first + size - 1 <= end && out.length < 400; first += size) {
            out.push(`${[24, 16, 8, 0].map((s) => Math.floor(first / 2 ** s) % 256).join(".")}/${prefix}`);
        }
    }
    return out;
}

/** A block of `prefix` length that collides with nothing in the topology, for "e.g." in a fix. */
export function suggestFreeBlock(topology: Topology, prefix: number): string {
    return firstFreeBlock(candidates(prefix), everythingUsed(topology)) ?? "a block no site uses";
}

export function checkSiteOverlaps(topology: Topology): Finding[] {
    const findings: Finding[] = [];
    const blocks = ownedSiteBlocks(topology);
    // Translations offered so far: a second overlapping link gets blocks the first one's would leave free, as the planner picks them.
    const offered: string[] = [];
    blocks.forEach((b, j) => {
        for (const a of blocks.slice(0, j)) {
            if (a.owner !== b.owner && overlaps(a.cidr, b.cidr)) {
                findings.push({
                    severity: "error",
                    code: "topology.sites-overlap",
                    site: b.owner,
                    field: b.field,
                    value: b.cidr,
                    message: `overlaps ${a.owner}'s ${a.cidr} (${a.field}); each end would route the other's addresses to itself, so traffic between them never enters a tunnel.`,
                    fix:
                        `renumber one side: move ${b.field} to a block no other site uses (e.g. ${suggestFreeBlock(topology, prefixLength(b.cidr))}), or move ${a.field}` +
                        translationOffer(topology, a, b, offered),
                });
            }
        }
    });
    return findings;
}

/**
 * When one of two overlapping sites is an Alibaba VPC and the other a peer of one of its connections: the translation
 * the planner would set up for that link (model/translation.ts), with the exact blocks it would pick.
 */
function translationOffer(topology: Topology, a: Owned, b: Owned, offered: string[]): string {
    const vpcOf = (o: Owned) => topology.sites.find((s) => s.kind === "alibaba" && s.name === o.owner && s.vpc.cidr === o.cidr);
    const [vpcBlock, peerBlock] = vpcOf(a) ? [a, b] : vpcOf(b) ? [b, a] : [undefined, undefined];
    const connection = vpcBlock && peerBlock && topology.connections.find((c) => c.site === vpcBlock.owner && c.peer === peerBlock.owner);
    // The planner maps the peer's overlapping remote subnet; a network the selectors do not carry is a routing mistake, not this.
    if (!vpcBlock || !peerBlock || !connection || !connection.remoteSubnets.blocks.some((b) => b.cidr === peerBlock.cidr)) {
        return ".";
    }
    const { alibabaBlock, peerBlock: translated } = pickTranslationBlocks([...everythingUsed(topology), ...offered], vpcBlock.cidr, peerBlock.cidr);
    if (!alibabaBlock || !translated) {
        return ".";
    }
    offered.push(alibabaBlock, translated);
    return (
        `; or keep both and translate: set ${connection.path}.translation to { alibabaBlock: "${alibabaBlock}", peerBlock: "${translated}" } ` +
        `(a VPC NAT gateway presents ${vpcBlock.cidr} as ${alibabaBlock}, the peer maps its ${peerBlock.cidr} to ${translated}; ` +
        `list the VPC hosts the peer must reach in ${connection.path}.translation.exposedHosts).`
    );
}

export function checkPoolOverlaps(topology: Topology): Finding[] {
    const findings: Finding[] = [];
    const pools = ownedPools(topology);
    const others = [...ownedSiteBlocks(topology)];
    for (const pool of pools) {
        for (const other of others) {
            if (overlaps(pool.cidr, other.cidr)) {
                findings.push({
                    severity: "error",
                    code: "topology.pool-overlap",
                    site: pool.site,
                    field: pool.field,
                    value: pool.cidr,
                    message: `the OpenVPN tunnel pool overlaps ${other.owner}'s ${other.cidr} (${other.field}); clients would get addresses the network already routes elsewhere.`,
                    fix: `set ${pool.field} to a block no site uses, e.g. ${suggestFreeBlock(topology, prefixLength(pool.cidr))}.`,
                });
            }
        }
        others.push(pool);
    }
    return findings;
}

function wellKnownFix(topology: Topology, range: WellKnownRange, block: Owned): string {
    const renumber = `renumber ${block.field} out of ${range.cidr}`;
    if (range.kind === "docker-bridge" && range.field === undefined) {
        const bridge = suggestFreeBlock(topology, 24);
        const host = bridge.replace(/\.0\/24$/, ".1/24");
        return `${renumber}, or on every Docker host${range.site ? ` in ${range.site}` : ""} that talks to ${block.owner} set "bip": "${host}" in /etc/docker/daemon.json and restart dockerd (docker0 then leaves ${range.cidr} alone).`;
    }
    const free = suggestFreeBlock(topology, prefixLength(range.cidr));
    if (range.kind === "docker-bridge") {
        return `${renumber}, or recreate ${range.owner} on another subnet (docker network create --subnet ${free}) and set ${range.field} to it.`;
    }
    return `${renumber}, or set ${range.field} to a block that collides with nothing, e.g. ${free}; ACK fixes the pod and Service CIDRs when the cluster is created, so that means a new cluster.`;
}

function wellKnownMessage(range: WellKnownRange, block: Owned): string {
    const where = range.site ? `hosts in ${range.site}` : "every host running Docker";
    switch (range.kind) {
        case "docker-bridge":
            return `${range.owner} uses ${range.cidr}: ${where} route it to the local bridge, so replies to ${block.owner}'s ${block.cidr} never leave them (seed 004, case 2).`;
        case "kubernetes-pods":
            return `${range.owner} gives pods ${range.cidr}: nodes route it to local pods, so ${block.owner}'s ${block.cidr} is unreachable from the cluster.`;
        case "kubernetes-services":
            return `${range.owner} gives Services ${range.cidr}: kube-proxy captures it on every node, so ${block.owner}'s ${block.cidr} is unreachable from the cluster.`;
    }
}

/** Ranges hosts route locally, against every block tunnels or routes carry. Warnings: the tunnels work, some hosts do not. */
export function checkWellKnownRanges(topology: Topology): Finding[] {
    const findings: Finding[] = [];
    const blocks = [...ownedSiteBlocks(topology), ...ownedPools(topology)];
    for (const range of allWellKnownRanges(topology)) {
        if (!isCidr(range.cidr)) {
            continue;
        }
        for (const block of blocks) {
            // A Docker network declared on a site only shadows other sites; Kubernetes ranges also shadow their own VPC.
            if (range.kind === "docker-bridge" && range.site !== undefined && range.site === block.owner) {
                continue;
            }
            if (overlaps(range.cidr, block.cidr)) {
                findings.push({
                    severity: "warning",
                    code: range.kind === "docker-bridge" ? "topology.docker-bridge" : "topology.kubernetes-range",
                    site: block.owner,
                    field: block.field,
                    value: block.cidr,
                    message: wellKnownMessage(range, block),
                    fix: wellKnownFix(topology, range, block),
                });
            }
        }
    }
    return findings;
}
