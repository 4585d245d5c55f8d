// Helpers the IPsec scenarios share: plan a stack on the emulator, turn its links into peer sites running
// the library's rendered strongSwan config, wait (bounded) for SAs, ping across.
import * as path from "node:path";
import { PlanReport, ROOT, loadStackConfig, planScenario } from "../cli/plan";
import { ResolvedLink } from "../model/link";
import { renderStrongswan, strongswanConnectionName } from "../renderers/strongswan";
import { hostAddress } from "./alibabaSide";
import { waitFor } from "./exec";
import { PingResult, Site, SiteSpec } from "./netns";
import { IkeSaEntry, ViciSection } from "./strongswan";

const plans = new Map<string, Promise<PlanReport>>();

/**
 * Runs a stack on the Alibaba Cloud emulator (like `npm run plan`, writing nothing) and caches the report
 * per stack file, so several scenarios of one stack share one emulated `pulumi up`.
 */
export function planForLab(scenario: string, stackFile = path.join(ROOT, `Pulumi.${scenario}-dev.yaml`)): Promise<PlanReport> {
    const key = `${scenario}:${stackFile}`;
    if (!plans.has(key)) {
        plans.set(key, planScenario(scenario, { stackFile, write: false }));
    }
    return plans.get(key)!;
}

const variants = new Map<string, Promise<PlanReport>>();

/**
 * Seed 000 (HyperMotion) planned with another office device and profile, through configOverrides (the stack file
 * is not touched), cached per variant name: e.g. a libreswan office (no modp1024) or an IKEv2 strongSwan office.
 */
export function planHypermotionVariant(variant: string, office: { device: string; profile: Record<string, unknown> }): Promise<PlanReport> {
    if (!variants.has(variant)) {
        const key = "alicloud-vpn:hypermotion";
        const config = JSON.parse(loadStackConfig(path.join(ROOT, "Pulumi.hypermotion-dev.yaml"))[key]);
        config.office.device = office.device;
        config.office.profile = office.profile;
        variants.set(variant, planScenario("hypermotion", { write: false, configOverrides: { [key]: JSON.stringify(config) } }));
    }
    return variants.get(variant)!;
}

/** The library's default profile (IKEv2 aes256/sha256/group14 both phases) with seed 000's lifetimes and DPD. */
export const IKEV2_OFFICE_PROFILE = {
    ike: { version: "ikev2", mode: "main", encryption: "aes256", integrity: "sha256", dhGroup: "group14", lifetimeSeconds: 86400 },
    ipsec: { encryption: "aes256", integrity: "sha256", pfs: "group14", lifetimeSeconds: 3600 },
    dpd: true,
    natTraversal: true,
};

export interface PeerSiteOptions {
    /** Site name. Default: the link's name. */
    name?: string;
    /** LAN hosts behind the peer. Default: the first host of each peer subnet. */
    lanAddresses?: string[];
    /** The peer's swanctl.conf. Default: the library's strongSwan rendering of the link (renderers/strongswan.ts). */
    swanctlConf?: string;
}

/** The peer end of a link as a lab site: its public IP, LAN hosts, and the library's rendered swanctl.conf verbatim. */
export function peerSiteSpec(link: ResolvedLink, options: PeerSiteOptions = {}): SiteSpec {
    return {
        name: options.name ?? link.name,
        publicIps: [...new Set([link.peerPublicIp])],
        lanAddresses: options.lanAddresses ?? link.peerSubnets.map((s) => hostAddress(s, 1)),
        daemon: { kind: "strongswan", swanctlConf: options.swanctlConf ?? renderStrongswan(link) },
        description: `peer of link ${link.name} (library-rendered strongSwan)`,
    };
}

/** Names of the peer's connections for a link, master first (as renderers/strongswan.ts names them). */
export function peerConnectionNames(link: ResolvedLink): string[] {
    return link.tunnels.map((t) => strongswanConnectionName(link, t));
}

export interface TunnelUp {
    /** ms from `since` until the IKE SA was ESTABLISHED, and until the CHILD_SA was INSTALLED. */
    ikeMs: number;
    childMs: number;
    ike: ViciSection;
    child: ViciSection;
}

/** The first ESTABLISHED IKE SA of connection `ikeName` (else any), and an INSTALLED child `childName` of it. */
export function findTunnel(sas: readonly IkeSaEntry[], ikeName: string, childName = ikeName): { ike?: ViciSection; child?: ViciSection } {
    const candidates = sas.filter((e) => e.name === ikeName).map((e) => e.sa);
    const installed = (ike: ViciSection) =>
        Object.values((ike["child-sas"] as ViciSection | undefined) ?? {}).find(
            (c) => (c as ViciSection).name === childName && (c as ViciSection).state === "INSTALLED",
        ) as ViciSection | undefined;
    const withChild = candidates.find((ike) => ike.state === "ESTABLISHED" && installed(ike));
    if (withChild) {
        return { ike: withChild, child: installed(withChild) };
    }
    return { ike: candidates.find((ike) => ike.state === "ESTABLISHED") ?? candidates[0] };
}

/**
 * Polls `swanctl --list-sas --raw` on `site` every 100 ms until the connection `ikeName` is ESTABLISHED
 * with its child `childName` (default: same name) INSTALLED, or `timeoutMs` passes (then undefined).
 */
export async function waitForTunnel(site: Site, ikeName: string, since: number, timeoutMs = 20_000, childName = ikeName): Promise<TunnelUp | undefined> {
    let ikeMs: number | undefined;
    return waitFor(async () => {
        const { sas } = await site.strongswan.listSas();
        const { ike, child } = findTunnel(sas, ikeName, childName);
        if (ike?.state === "ESTABLISHED" && ikeMs === undefined) {
            ikeMs = Date.now() - since;
        }
        if (ike?.state === "ESTABLISHED" && child) {
            return { ikeMs: ikeMs!, childMs: Date.now() - since, ike, child };
        }
        return undefined;
    }, timeoutMs);
}

/** Pings a -> b and b -> a (from each site's LAN address) and returns both results. */
export async function pingBothWays(a: Site, aAddress: string, b: Site, bAddress: string, count = 4): Promise<[PingResult, PingResult]> {
    return [await a.ping(aAddress, bAddress, count), await b.ping(bAddress, aAddress, count)];
}

export function formatPings(results: readonly PingResult[]): string {
    return results.map((r) => `${r.from}→${r.to} ${r.received}/${r.sent}`).join(", ");
}

/** Packet counters of one CHILD_SA of `swanctl --list-sas --raw`. */
export interface ChildPackets {
    /** The IKE SA's connection name and the child's name (the same in the lab's configs). */
    ike: string;
    child: string;
    in: number;
    out: number;
}

/**
 * Packet counters of every CHILD_SA on `site`, keyed "<ike>/<child>{uniqueid}": one tunnel can have several
 * SAs (both ends initiated; a rekey), so compare snapshots per key and sum per name (packetDelta).
 */
export async function childPackets(site: Site): Promise<Map<string, ChildPackets>> {
    const counts = new Map<string, ChildPackets>();
    for (const { name, sa } of (await site.strongswan.listSas()).sas) {
        for (const c of Object.values((sa["child-sas"] as Record<string, ViciSection> | undefined) ?? {})) {
            const child = String(c.name);
            counts.set(`${name}/${child}{${String(c.uniqueid)}}`, { ike: name, child, in: Number(c["packets-in"] ?? 0), out: Number(c["packets-out"] ?? 0) });
        }
    }
    return counts;
}

/** Packets in and out between two snapshots of childPackets, summed per child name (SAs that appeared count from 0). */
export function packetDelta(before: Map<string, ChildPackets>, after: Map<string, ChildPackets>): Map<string, { in: number; out: number }> {
    const delta = new Map<string, { in: number; out: number }>();
    for (const [key, now] of after) {
        const then = before.get(key);
        const sum = delta.get(now.child) ?? { in: 0, out: 0 };
        sum.in += now.in - (then?.in ?? 0);
        sum.out += now.out - (then?.out ?? 0);
        delta.set(now.child, sum);
    }
    return delta;
}
