// Scenario 2, three-region hub (seed 002, Pulumi.hub-and-spoke-dev.yaml): Tokyo's VPN gateway is the hub,
// Shanghai's and Beijing's are spokes. Both ends of every tunnel are Alibaba gateways, so every site runs
// the translation of the connections the emulator recorded on its gateway (lab/alibabaSide.ts): the hub's
// connection toward each spoke and each spoke's connection toward the hub, master and slave tunnels, with
// the shared pre-shared keys the stack generated. No library-rendered peer config is involved.
//
// Proves: every tunnel comes up with the default profile (IKEv2 aes256/sha256/group14, ESP aes256/sha256
// with PFS group14, shown at a forced rekey), every pair of VPC hosts pings, and Shanghai reaches Beijing
// THROUGH Tokyo: there is no Shanghai-Beijing tunnel, the Shanghai→Tokyo and Tokyo→Beijing CHILD_SAs count
// the packets, and the replies arrive with one TTL less (Tokyo forwarded them). The transit works by the
// hub's policies alone: a packet decrypted from the Shanghai tunnel and destined to Beijing matches the
// Beijing connection's selectors (local = hub + other spokes), and kernel-libipsec's route for the Beijing
// remote selector (table 220) sends it back into ipsec0.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { ROOT, loadStackConfig } from "../../cli/plan";
import { AlibabaGatewaySite, alibabaConnectionName, buildAlibabaSites } from "../alibabaSide";
import { seconds, waitFor } from "../exec";
import { childPackets, findTunnel, formatPings, packetDelta, planForLab } from "../ipsec";
import { Lab, PingResult, Site } from "../netns";
import { LabScenario, ScenarioResult } from "../scenario";
import { ViciSection, espAlgorithms, ikeAlgorithms } from "../strongswan";

export const HUB_STACK = "hub-and-spoke";

/** The library's default profile (IKEv2 aes256/sha256/group14, ESP aes256/sha256 PFS group14) in swanctl's names. */
export const HUB_EXPECTED = {
    ike: "AES_CBC-256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048",
    /** IKEv2's first CHILD_SA takes its keys from the IKE SA: no DH group until a rekey. */
    esp: "AES_CBC-256/HMAC_SHA2_256_128",
    espRekeyed: "AES_CBC-256/HMAC_SHA2_256_128/MODP_2048",
};

export interface HubSite {
    /** The site's name in the stack config (tokyo, shanghai, beijing). */
    name: string;
    role: "hub" | "spoke";
    vpcCidr: string;
    alibaba: AlibabaGatewaySite;
    site: Site;
    /** The VPC host on the gateway's lo. */
    host: string;
    /** The gateway's connection (= child) names, one per tunnel. */
    connections: string[];
}

export interface HubLab {
    hub: HubSite;
    spokes: HubSite[];
    all: HubSite[];
}

/** The seed's site names and VPC blocks, read from the stack config as the runtime receives it. */
function stackSites(): Array<{ name: string; role: "hub" | "spoke"; vpcCidr: string }> {
    const config = loadStackConfig(path.join(ROOT, `Pulumi.${HUB_STACK}-dev.yaml`));
    const stack = JSON.parse(config[`alicloud-vpn:${HUB_STACK}`]) as { hub: { name: string; vpcCidr: string }; spokes: Array<{ name: string; vpcCidr: string }> };
    return [{ ...stack.hub, role: "hub" as const }, ...stack.spokes.map((s) => ({ ...s, role: "spoke" as const }))].map((s) => ({ name: s.name, role: s.role, vpcCidr: s.vpcCidr }));
}

/** Plans the stack on the emulator and adds one site per VPN gateway (nothing started). */
export async function setupHub(lab: Lab): Promise<HubLab> {
    const report = await planForLab(HUB_STACK);
    const wanted = stackSites();
    const byCidr = new Map(wanted.map((s) => [s.vpcCidr, s]));
    const gateways = buildAlibabaSites(report.emulator.state, {
        // Site names from the stack config (tokyo, shanghai, beijing), matched by the VPC behind the gateway.
        siteName: (gateway) => {
            const vswitch = report.emulator.state.findById(gateway.inputs.vswitchId);
            const vpc = report.emulator.state.findById(vswitch?.inputs.vpcId ?? gateway.inputs.vpcId);
            return byCidr.get(vpc?.inputs.cidrBlock)?.name ?? `gw-${gateway.region}`;
        },
    });
    assert.equal(gateways.length, wanted.length, `one VPN gateway per site (${wanted.map((s) => s.name).join(", ")})`);
    const all: HubSite[] = [];
    for (const w of wanted) {
        const alibaba = gateways.find((g) => g.vpcCidr === w.vpcCidr);
        assert.ok(alibaba, `no VPN gateway recorded in front of ${w.name}'s VPC ${w.vpcCidr}`);
        assert.equal(alibaba.spec.lanAddresses.length, 1, `one VPC host for ${w.name}`);
        const site = await lab.addSite(alibaba.spec);
        all.push({ ...w, alibaba, site, host: alibaba.spec.lanAddresses[0], connections: alibaba.tunnels.map(alibabaConnectionName) });
    }
    const hub = all.find((s) => s.role === "hub")!;
    return { hub, spokes: all.filter((s) => s.role === "spoke"), all };
}

export interface TunnelEnd {
    site: string;
    connection: string;
    ikeMs: number;
    childMs: number;
    ike: ViciSection;
    child: ViciSection;
}

/**
 * Polls every site's `swanctl --list-sas --raw` until every connection on every gateway (both ends of
 * every tunnel) has an ESTABLISHED IKE SA with its CHILD_SA INSTALLED, or `timeoutMs` passes.
 * Returns the ends that came up (all of them on success).
 */
export async function waitForAllTunnels(h: HubLab, since: number, timeoutMs: number): Promise<{ ok: boolean; ends: TunnelEnd[] }> {
    const ends = new Map<string, TunnelEnd>();
    const ikeUp = new Map<string, number>();
    const total = h.all.reduce((n, s) => n + s.connections.length, 0);
    const ok = await waitFor(async () => {
        for (const s of h.all) {
            const { sas } = await s.site.strongswan.listSas();
            for (const connection of s.connections) {
                const key = `${s.name}/${connection}`;
                if (ends.has(key)) continue;
                const { ike, child } = findTunnel(sas, connection);
                if (ike?.state === "ESTABLISHED" && !ikeUp.has(key)) ikeUp.set(key, Date.now() - since);
                if (ike?.state === "ESTABLISHED" && child) {
                    ends.set(key, { site: s.name, connection, ikeMs: ikeUp.get(key)!, childMs: Date.now() - since, ike, child });
                }
            }
        }
        return ends.size === total;
    }, timeoutMs);
    return { ok: ok === true, ends: [...ends.values()] };
}

/** The IPv4 routes kernel-libipsec installed in table 220 (remote selectors into ipsec0). */
async function table220(site: Site): Promise<string[]> {
    const out = await site.exec("ip", ["-4", "route", "show", "table", "220"]);
    return out.stdout.split("\n").map((l) => l.trim()).filter(Boolean);
}

/** One echo request, not quiet: the reply's TTL (64 from a Linux host, minus one per forwarding hop). */
async function replyTtl(site: Site, from: string, to: string): Promise<number | undefined> {
    const out = await site.exec("ping", ["-n", "-c", "1", "-W", "2", "-I", from, to], 6000);
    const match = /ttl=(\d+)/.exec(out.stdout);
    return match ? Number(match[1]) : undefined;
}

export const hubScenario: LabScenario = {
    name: "hub",
    title: "seed 002: Tokyo hub, Shanghai and Beijing spokes, every gateway translated from the recorded connections; all IKEv2 tunnels up, every VPC pair pings, Shanghai reaches Beijing through Tokyo",
    needs: { strongswan: true },
    async run(lab, log): Promise<ScenarioResult> {
        const h = await setupHub(lab);
        for (const s of h.all) {
            log(`  ${s.name} (${s.role}): ${s.alibaba.gateway.id} on ${s.alibaba.spec.publicIps.join(", ")}, VPC ${s.vpcCidr} host ${s.host}${s.alibaba.spec.routeAnchors?.length ? ` (route anchors ${s.alibaba.spec.routeAnchors.join(", ")})` : ""}, connections ${s.connections.join(", ")}`);
        }
        // Every gateway initiates (effectImmediately). Start the charons first, then load the configs
        // together, so no gateway waits for a retransmission to reach a peer that was not running yet.
        for (const s of h.all) {
            await s.site.strongswan.start();
        }
        const since = Date.now();
        await Promise.all(h.all.map((s) => s.site.strongswan.loadAll()));
        const { ok, ends } = await waitForAllTunnels(h, since, 30_000);
        const missing = h.all.flatMap((s) => s.connections.filter((c) => !ends.some((e) => e.site === s.name && e.connection === c)).map((c) => `${s.name}/${c}`));
        assert.ok(ok, `not every tunnel came up within 30 s; missing: ${missing.join(", ")}`);
        const allUpMs = Math.max(...ends.map((e) => e.childMs));
        const tunnels = ends.length / 2;
        log(`  all ${tunnels} tunnels (${ends.length} ends) up after ${seconds(allUpMs)}: ${ends.map((e) => `${e.site}/${e.connection} ${seconds(e.childMs)}`).join(", ")}`);

        // The negotiated algorithms on every end, in swanctl's names.
        for (const e of ends) {
            assert.equal(e.ike.version, "2", `${e.site}/${e.connection} IKE version`);
            assert.equal(ikeAlgorithms(e.ike), HUB_EXPECTED.ike, `${e.site}/${e.connection} IKE algorithms`);
            assert.equal(espAlgorithms(e.child), HUB_EXPECTED.esp, `${e.site}/${e.connection} ESP algorithms`);
        }
        // IKEv2 carries no lifetime on the wire (RFC 7296 2.8: each end rekeys on its own timers), so what must
        // hold is each end's own: every CHILD_SA expires, and every IKE SA rekeys, within the connection's
        // lifetimes (the translation sets the hard limits to them exactly, as renderers/strongswan.ts does for a
        // peer; vici reports no hard expiry for IKE SAs, only rekey-time).
        const lifetimes = { ike: Math.max(...h.all.flatMap((s) => s.alibaba.tunnels.map((t) => Number(t.ike.ikeLifetime)))), esp: Math.max(...h.all.flatMap((s) => s.alibaba.tunnels.map((t) => Number(t.ipsec.ipsecLifetime)))) };
        const expiries = { ike: Math.max(...ends.map((e) => Number(e.ike["rekey-time"] ?? 0))), esp: Math.max(...ends.map((e) => Number(e.child["life-time"] ?? 0))) };
        log(`  longest on any end: IKE SA rekey in ${expiries.ike} s (lifetime ${lifetimes.ike} s), CHILD_SA expiry in ${expiries.esp} s (lifetime ${lifetimes.esp} s)`);
        for (const e of ends) {
            const ikeLife = Number(e.ike["rekey-time"]);
            const childLife = Number(e.child["life-time"]);
            assert.ok(ikeLife > 0 && ikeLife <= lifetimes.ike, `${e.site}/${e.connection}: IKE SA rekeys in ${e.ike["rekey-time"]} s, beyond ${lifetimes.ike} s`);
            assert.ok(childLife > 0 && childLife <= lifetimes.esp, `${e.site}/${e.connection}: CHILD_SA expires in ${e.child["life-time"]} s, beyond ${lifetimes.esp} s`);
        }
        // No spoke has a tunnel to the other spoke: its only peers are the hub's two public addresses.
        const hubIps = h.hub.alibaba.spec.publicIps;
        for (const spoke of h.spokes) {
            const peers = new Set((await spoke.site.strongswan.listSas()).sas.map((e) => String(e.sa["remote-host"])));
            assert.deepEqual([...peers].filter((ip) => !hubIps.includes(ip)), [], `${spoke.name} has IKE SAs with peers other than the hub (${hubIps.join(", ")})`);
        }

        // PFS group14: force a rekey of each of the hub's CHILD_SAs; the new ones carry MODP_2048.
        for (const connection of h.hub.connections) {
            const rekey = await h.hub.site.strongswan.swanctl(["--rekey", "--child", connection]);
            assert.equal(rekey.code, 0, `swanctl --rekey --child ${connection}: ${rekey.stdout}${rekey.stderr}`);
        }
        const rekeyed = await waitFor(async () => {
            const { sas } = await h.hub.site.strongswan.listSas();
            const found = h.hub.connections.map((c) => {
                const children = sas.filter((e) => e.name === c).flatMap((e) => Object.values((e.sa["child-sas"] as Record<string, ViciSection>) ?? {}));
                return children.find((child) => child.state === "INSTALLED" && child["dh-group"]);
            });
            return found.every(Boolean) ? (found as ViciSection[]) : undefined;
        }, 10_000);
        assert.ok(rekeyed, "the hub's CHILD_SAs did not rekey with a DH group within 10 s");
        for (const child of rekeyed) {
            assert.equal(espAlgorithms(child), HUB_EXPECTED.espRekeyed, `rekeyed ${String(child.name)}`);
        }
        log(`  IKEv2 ${HUB_EXPECTED.ike}; ESP ${HUB_EXPECTED.esp}, after a forced rekey ${espAlgorithms(rekeyed[0])} on all ${rekeyed.length} hub children`);

        const routes = new Map<string, string[]>();
        for (const s of h.all) {
            routes.set(s.name, await table220(s.site));
            log(`  ${s.name} table 220: ${routes.get(s.name)!.join("; ")}`);
        }

        // Every ordered pair of VPC hosts.
        const pings: PingResult[] = [];
        for (const a of h.all) {
            for (const b of h.all) {
                if (a !== b) pings.push(await a.site.ping(a.host, b.host, 4));
            }
        }
        log(`  ping ${formatPings(pings)}`);
        for (const p of pings) {
            assert.equal(p.received, p.sent, `ping ${p.from} → ${p.to}: ${p.received}/${p.sent}`);
        }

        // Spoke to spoke through the hub, counted on the CHILD_SAs of each hop.
        const [a, b] = h.spokes;
        assert.ok(a && b, "the stack has two spokes");
        const snapshot = () => Promise.all(h.all.map((s) => childPackets(s.site)));
        const before = await snapshot();
        const transit = await a.site.ping(a.host, b.host, 5);
        const after = await snapshot();
        const delta = h.all.map((s, i) => packetDelta(before[i], after[i]));
        const sum = (i: number, names: string[]) =>
            names.reduce((n, name) => ({ in: n.in + (delta[i].get(name)?.in ?? 0), out: n.out + (delta[i].get(name)?.out ?? 0) }), { in: 0, out: 0 });
        const at = (s: HubSite) => h.all.indexOf(s);
        // The hub's connections toward a spoke: those whose peer is that spoke's gateway.
        const hubToward = (spoke: HubSite) => h.hub.alibaba.tunnels.filter((t) => spoke.alibaba.spec.publicIps.includes(t.customerGatewayIp)).map(alibabaConnectionName);
        const hops = {
            [`${a.name}→${h.hub.name}`]: sum(at(a), a.connections),
            [`${h.hub.name}←${a.name}`]: sum(at(h.hub), hubToward(a)),
            [`${h.hub.name}→${b.name}`]: sum(at(h.hub), hubToward(b)),
            [`${b.name}←${h.hub.name}`]: sum(at(b), b.connections),
        };
        log(`  ${a.host}→${b.host} ${transit.received}/${transit.sent}; CHILD_SA packets during it: ${Object.entries(hops).map(([k, v]) => `${k} +${v.out} out/+${v.in} in`).join(", ")}`);
        assert.equal(transit.received, transit.sent, `transit ping ${a.host} → ${b.host}`);
        for (const [hop, count] of Object.entries(hops)) {
            // Echo requests one way, replies the other: at least `sent` packets each way on every hop.
            assert.ok(count.out >= transit.sent && count.in >= transit.sent, `${hop}: only +${count.out} out/+${count.in} in through its CHILD_SAs for ${transit.sent} echo requests`);
        }
        // The hop is visible in the TTL: a spoke's reply through Tokyo has one less than the hub's own.
        const ttlHub = await replyTtl(a.site, a.host, h.hub.host);
        const ttlSpoke = await replyTtl(a.site, a.host, b.host);
        log(`  reply TTL at ${a.name}: from ${h.hub.name} ${ttlHub}, from ${b.name} ${ttlSpoke}`);
        assert.ok(ttlHub !== undefined && ttlSpoke === ttlHub - 1, `reply TTL from ${b.name} (${ttlSpoke}) is not one less than from ${h.hub.name} (${ttlHub}): not forwarded once by the hub`);

        const received = pings.reduce((n, p) => n + p.received, 0);
        const sent = pings.reduce((n, p) => n + p.sent, 0);
        const summary =
            `lab hub: all ${tunnels} tunnels (${h.all.length} gateways, master+slave) up in ${seconds(allUpMs)} (IKEv2 ${HUB_EXPECTED.ike}, ESP ${HUB_EXPECTED.esp}, ` +
            `PFS MODP_2048 at rekey, IKE SAs rekey within ${lifetimes.ike} s, CHILD_SAs expire within ${lifetimes.esp} s), ping ${received}/${sent} across all ${pings.length} VPC pairs, ${a.name}→${b.name} via ${h.hub.name} ${transit.received}/${transit.sent} ` +
            `(counted on ${a.name}→${h.hub.name} and ${h.hub.name}→${b.name} CHILD_SAs, TTL ${ttlSpoke} vs ${ttlHub})`;
        return {
            summary,
            details: {
                allUpMs,
                ends: ends.map((e) => ({ site: e.site, connection: e.connection, ikeMs: e.ikeMs, childMs: e.childMs })),
                pings,
                transit,
                hops,
                ttl: { hub: ttlHub, spoke: ttlSpoke },
                routes: Object.fromEntries(routes),
            },
        };
    },
};
