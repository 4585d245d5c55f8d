// What the three cloud-link scenarios (cloud-aws, cloud-azure, cloud-gcp) share: the stack's config, the Alibaba
// end's BGP read back from the recorded connection, route-based sites over kernel-libipsec, waiting for each pair of
// tunnel ends, the profile's algorithms on both ends, a forced CHILD_SA rekey to see PFS, and the mismatch run (the
// Alibaba end re-translated with a value the checks refuse, which must fail on the wire with NO_PROPOSAL_CHOSEN).
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { ROOT, loadStackConfig } from "../cli/plan";
import { BgpPlan, otherBgpAddress } from "../model/bgp";
import { AlibabaTunnel, renderAlibabaSwanctl } from "./alibabaSide";
import { waitFor } from "./exec";
import { findTunnel } from "./ipsec";
import { Site } from "./netns";
import { ViciSection, espAlgorithms, ikeAlgorithms } from "./strongswan";

/** Every cloud's default profile (IKEv2 aes256/sha256/group14, ESP aes256/sha256 PFS group14) in swanctl's names. */
export const CLOUD_DEFAULT_EXPECTED = {
    ike: "AES_CBC-256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048",
    esp: "AES_CBC-256/HMAC_SHA2_256_128",
    espRekeyed: "AES_CBC-256/HMAC_SHA2_256_128/MODP_2048",
};

// The responder logs "received proposals unacceptable" and answers N(NO_PROP); the initiator logs the notify.
export const NO_PROPOSAL = /NO_PROPOSAL_CHOSEN|received proposals unacceptable|no (matching|acceptable) proposal/;
const NOT_A_MISMATCH = /no IKE config found/;

/** The scenario's block of its sample stack file (`alicloud-vpn:<stack>` in Pulumi.<stack>-dev.yaml). */
export function cloudStackConfig(stack: string): any {
    const config = loadStackConfig(path.join(ROOT, `Pulumi.${stack}-dev.yaml`));
    return JSON.parse(config[`alicloud-vpn:${stack}`]);
}

/** The Alibaba gateway's BGP as recorded: each tunnel's tunnelBgpConfig, the customer gateway's asn, the VPC block. */
export function recordedAlibabaBgp(tunnels: readonly AlibabaTunnel[], peerAsn: number, vpcCidr: string): BgpPlan {
    return {
        localAsn: tunnels[0].bgp!.localAsn,
        peerAsn,
        tunnels: tunnels.map((t) => {
            assert.ok(t.bgp, `${t.connectionName} (${t.role}) has no BGP`);
            return {
                role: t.role as "master" | "slave",
                tunnelCidr: t.bgp.tunnelCidr,
                localBgpIp: t.bgp.localBgpIp,
                peerBgpIp: otherBgpAddress(t.bgp.tunnelCidr, t.bgp.localBgpIp),
                prefixLength: Number(t.bgp.tunnelCidr.split("/")[1]),
            };
        }),
        peerAnnounces: [],
        alibabaAnnounces: [vpcCidr],
        keepaliveSeconds: 10,
        holdSeconds: 30,
    };
}

/**
 * Route-based over kernel-libipsec (lab/scenarios/bgp.ts explains): the main table decides instead of charon's table
 * 220, the tunnel addresses sit on ipsec0, and each announced block has a discard route (bgp network import-check).
 */
export async function routeBased(site: Site, addresses: readonly string[], anchors: readonly string[]): Promise<void> {
    const rules = await site.exec("ip", ["rule", "show", "pref", "220"]);
    assert.match(rules.stdout, /lookup 220/, `charon in ${site.name} installed its table-220 rule`);
    await site.exec("ip", ["rule", "del", "pref", "220"]);
    for (const address of addresses) {
        const added = await site.exec("ip", ["addr", "add", address, "dev", "ipsec0"]);
        assert.equal(added.code, 0, `ip addr add ${address} dev ipsec0: ${added.stderr}`);
    }
    for (const block of anchors) {
        await site.exec("ip", ["route", "add", "blackhole", block, "metric", "250"]);
    }
}

/** One tunnel's two ends: the connection (and child) names in the Alibaba end's and the other cloud's swanctl.conf. */
export interface TunnelPair {
    alibaba: string;
    peer: string;
}

export interface PairUp {
    /** Milliseconds from `since` until both ends had an IKE SA and a CHILD_SA. */
    ms: number;
    /** The Alibaba end's, then the other cloud's. */
    ends: Array<{ ike: ViciSection; child: ViciSection }>;
}

/** Waits until every pair is up at both ends (ESTABLISHED IKE SA with a CHILD_SA), keyed by the Alibaba name. */
export async function waitForPairs(alibaba: Site, peer: Site, pairs: readonly TunnelPair[], since: number, timeoutMs: number): Promise<Map<string, PairUp>> {
    const up = new Map<string, PairUp>();
    await waitFor(async () => {
        const [a, b] = [(await alibaba.strongswan.listSas()).sas, (await peer.strongswan.listSas()).sas];
        for (const p of pairs) {
            if (up.has(p.alibaba)) continue;
            const x = findTunnel(a, p.alibaba);
            const y = findTunnel(b, p.peer);
            if (x.ike?.state === "ESTABLISHED" && x.child && y.ike?.state === "ESTABLISHED" && y.child) {
                up.set(p.alibaba, { ms: Date.now() - since, ends: [{ ike: x.ike, child: x.child }, { ike: y.ike, child: y.child }] });
            }
        }
        return up.size === pairs.length;
    }, timeoutMs);
    assert.equal(
        up.size,
        pairs.length,
        `not every tunnel came up within ${timeoutMs / 1000} s: ${pairs
            .filter((p) => !up.has(p.alibaba))
            .map((p) => p.alibaba)
            .join(", ")}`,
    );
    return up;
}

/** Both ends of every tunnel negotiated IKEv2 with exactly the expected IKE and ESP algorithms. */
export function assertAlgorithms(up: Map<string, PairUp>, expected: { ike: string; esp: string }): void {
    for (const [name, u] of up) {
        for (const end of u.ends) {
            assert.equal(end.ike.version, "2", `${name} IKE version`);
            assert.equal(ikeAlgorithms(end.ike), expected.ike, `${name} IKE algorithms`);
            assert.equal(espAlgorithms(end.child), expected.esp, `${name} ESP algorithms`);
        }
    }
}

/**
 * Forces a rekey of every Alibaba CHILD_SA and returns the other cloud's new CHILD_SAs once each shows a DH group:
 * with PFS, a rekey runs a DH exchange (the first CHILD_SA, made in IKE_AUTH, has none).
 */
export async function rekeyChildren(alibaba: Site, peer: Site, pairs: readonly TunnelPair[]): Promise<ViciSection[]> {
    for (const p of pairs) {
        const rekey = await alibaba.strongswan.swanctl(["--rekey", "--child", p.alibaba]);
        assert.equal(rekey.code, 0, `swanctl --rekey --child ${p.alibaba}: ${rekey.stdout}${rekey.stderr}`);
    }
    const rekeyed = await waitFor(async () => {
        const { sas } = await peer.strongswan.listSas();
        const found = pairs.map((p) =>
            sas
                .filter((e) => e.name === p.peer)
                .flatMap((e) => Object.values((e.sa["child-sas"] as Record<string, ViciSection>) ?? {}))
                .find((c) => c.state === "INSTALLED" && c["dh-group"]),
        );
        return found.every(Boolean) ? (found as ViciSection[]) : undefined;
    }, 15_000);
    assert.ok(rekeyed, "the CHILD_SAs did not rekey with a DH group within 15 s");
    return rekeyed;
}

export interface MismatchRun {
    /** The first log line (either end) that names the refused proposal. */
    failure: string;
    failedMs: number;
    /** What the other cloud's charon logged since the Alibaba end restarted (read again for later lines). */
    peerLog: () => string;
    /** What the Alibaba end's charon logged since its restart. */
    alibabaLog: () => string;
}

/**
 * Restarts the Alibaba end with `edited` tunnels (a value the checks refuse) and waits for NO_PROPOSAL_CHOSEN in
 * either end's log; the caller asserts what the other cloud saw and that no SA came up.
 */
export async function runMismatch(alibaba: Site, peer: Site, edited: AlibabaTunnel[], header: string, what: string): Promise<MismatchRun> {
    const offsets = { alibaba: alibaba.strongswan.log().length, peer: peer.strongswan.log().length };
    await alibaba.stopDaemon();
    alibaba.strongswan.writeSwanctlConf(renderAlibabaSwanctl(edited, header));
    await alibaba.strongswan.start();
    const since = Date.now();
    await alibaba.strongswan.loadAll();
    const failure = await waitFor(async () => {
        const lines = [...peer.strongswan.log().slice(offsets.peer).split("\n"), ...alibaba.strongswan.log().slice(offsets.alibaba).split("\n")];
        return lines.find((l) => NO_PROPOSAL.test(l) && !NOT_A_MISMATCH.test(l));
    }, 15_000);
    assert.ok(failure, `${what}: no NO_PROPOSAL_CHOSEN within 15 s`);
    return {
        failure,
        failedMs: Date.now() - since,
        peerLog: () => peer.strongswan.log().slice(offsets.peer),
        alibabaLog: () => alibaba.strongswan.log().slice(offsets.alibaba),
    };
}
