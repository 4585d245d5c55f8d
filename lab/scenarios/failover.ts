// Scenario: dual-tunnel failover (seed 000, HyperMotion). Both tunnels up, traffic on the master; then the
// master path is dropped in the "internet" namespace (nftables on its bridge: every IP packet from or to the
// gateway's master address 198.51.100.1; the slave address .2 stays reachable), and the scenario measures
// until pings pass both ways again, counted on the slave's CHILD_SAs at both ends; then the path is restored
// and it measures until the pings are counted on the master again.
//
// What moves the traffic is the rendered config's DPD (dpd_delay 10 s, IKEv1 dpd_timeout 30 s, dpd_action =
// restart) and the translated Alibaba side's (same timing): each end deletes the dead master's SAs, the slave's
// stay. Lab variant, stated honestly: the rendered config gives each tunnel its own reqid and a fixed policy
// priority (master 1000, slave 2000), which the kernel's XFRM honours. This lab runs kernel-libipsec (no XFRM
// ESP in this kernel, docs/notes.md), which ignores fixed priorities and sends through the most recently installed
// policy (equal pseudo-priorities, newest first:
// https://github.com/strongswan/strongswan/blob/5.9.8/src/libipsec/ipsec_policy_mgr.c). So after both tunnels are up
// the lab re-establishes the master once (swanctl --terminate/--initiate), making it the newest at both ends,
// which is where XFRM's priorities put it. Failover (the master's policies deleted) and the way back (a new
// master SA, again the newest) then need nothing from the lab: they run on the rendered config alone.
import * as assert from "node:assert/strict";
import { deadPeerBoundSeconds } from "../../renderers/strongswan";
import { alibabaConnectionName } from "../alibabaSide";
import { runOk, seconds, sleep, waitFor } from "../exec";
import { IKEV2_OFFICE_PROFILE, childPackets, findTunnel, packetDelta, planHypermotionVariant, waitForTunnel } from "../ipsec";
import { Lab } from "../netns";
import { LabScenario, ScenarioResult } from "../scenario";
import { HypermotionLab, setupHypermotion, startHypermotion } from "./hypermotion";

/** nftables table the scenario adds in the internet namespace (bridge family: the namespace only bridges). */
const TABLE = "lab_failover";
/** Margin over the derived DPD bound for the lab's 2 shared cores and the 1 s polling. */
const MARGIN_MS = 20_000;
/** The way back: the office retries the master with retransmissions of 2, 3, 4.5, 6.75 s, then starts over. */
const BACK_TIMEOUT_MS = 45_000;

async function dropAddress(lab: Lab, ip: string): Promise<void> {
    const nft = (...args: string[]) => runOk("ip", ["netns", "exec", lab.internet, "nft", ...args]);
    await nft("add", "table", "bridge", TABLE);
    await nft("add", "chain", "bridge", TABLE, "drops", "{ type filter hook forward priority 0; policy accept; }");
    await nft("add", "rule", "bridge", TABLE, "drops", "ip", "saddr", ip, "drop");
    await nft("add", "rule", "bridge", TABLE, "drops", "ip", "daddr", ip, "drop");
}

async function restorePaths(lab: Lab): Promise<void> {
    await runOk("ip", ["netns", "exec", lab.internet, "nft", "delete", "table", "bridge", TABLE]);
}

interface Carried {
    /** Packets per CHILD_SA name during the probe, at the office and at the gateway. */
    office: Map<string, { in: number; out: number }>;
    gateway: Map<string, { in: number; out: number }>;
    ok: boolean;
}

/** One ping each way (office LAN host <-> VPC host), with the CHILD_SA counters of both ends around it. */
async function probe(h: HypermotionLab, count = 1): Promise<Carried> {
    const [office0, gateway0] = await Promise.all([childPackets(h.office), childPackets(h.gateway)]);
    const out = await h.office.ping(h.officeHosts[0], h.vpcHost, count);
    const back = out.received === count ? await h.gateway.ping(h.vpcHost, h.officeHosts[0], count) : { received: 0 };
    const [office1, gateway1] = await Promise.all([childPackets(h.office), childPackets(h.gateway)]);
    return {
        office: packetDelta(office0, office1),
        gateway: packetDelta(gateway0, gateway1),
        ok: out.received === count && back.received === count,
    };
}

type Delta = Map<string, { in: number; out: number }>;
const through = (delta: Delta, name: string, n: number) => (delta.get(name)?.in ?? 0) >= n && (delta.get(name)?.out ?? 0) >= n;
const quiet = (delta: Delta, name: string) => (delta.get(name)?.in ?? 0) === 0 && (delta.get(name)?.out ?? 0) === 0;
const show = (delta: Delta) => [...delta].map(([k, v]) => `${k} +${v.out} out/+${v.in} in`).join(", ") || "none";

/** Which tunnel a probe must be counted on: the names of its CHILD_SAs at the office and the gateway, and of the other's. */
interface Route {
    office: string;
    gateway: string;
    officeOther: string;
    gatewayOther: string;
}

/** True when the probe passed, with `n` packets each way on the route's CHILD_SAs and none on the other tunnel's. */
function carriedOn(p: Carried, r: Route, n: number): boolean {
    return p.ok && through(p.office, r.office, n) && quiet(p.office, r.officeOther) && through(p.gateway, r.gateway, n) && quiet(p.gateway, r.gatewayOther);
}

/** Asserts carriedOn(p, r, 3), naming both ends' counters. */
function assertCarriedOn(p: Carried, r: Route, what: string): void {
    assert.ok(carriedOn(p, r, 3), `${what}: office ${show(p.office)}; gateway ${show(p.gateway)}`);
}

/** Probes (3 pings each way) until one is counted whole on the route (bounded: 15 s); else one last probe. */
async function settled(h: HypermotionLab, r: Route): Promise<Carried> {
    return (await waitFor(async () => {
        const p = await probe(h, 3);
        return carriedOn(p, r, 3) ? p : undefined;
    }, 15_000, 1000)) ?? probe(h, 3);
}

/**
 * The failover scenario for one IKE version: "failover" is seed 000 as it is (IKEv1, DPD by dpd_timeout),
 * "failover-ikev2" the same stack with an IKEv2 strongSwan office (the library's default profile), where a
 * probe is given up after the retransmissions of the rendered strongswan.conf block.
 */
function failoverScenario(version: "ikev1" | "ikev2"): LabScenario {
    const ikev2 = version === "ikev2";
    const name = ikev2 ? "failover-ikev2" : "failover";
    return {
        name,
        title:
            `seed 000 dual tunnel${ikev2 ? " with an IKEv2 office" : ""}: the master path dropped in the internet namespace ` +
            "moves traffic to the slave (both ways, rendered DPD), and back to the master when it returns",
        needs: { strongswan: true, nft: true },
        async run(lab, log): Promise<ScenarioResult> {
            const plan = ikev2 ? planHypermotionVariant("strongswan-ikev2", { device: "strongswan", profile: IKEV2_OFFICE_PROFILE }) : undefined;
            const h = await setupHypermotion(lab, undefined, plan);
            assert.equal(h.link.profile.ike.version, version);
            const master = h.alibaba.tunnels.find((t) => t.role === "master");
            const slave = h.alibaba.tunnels.find((t) => t.role === "slave");
            assert.ok(master && slave, "the hypermotion connection has a master and a slave tunnel");
            const viaMaster: Route = {
                office: h.officeMaster,
                gateway: alibabaConnectionName(master),
                officeOther: `${h.link.name}-slave`,
                gatewayOther: alibabaConnectionName(slave),
            };
            const viaSlave: Route = {
                office: viaMaster.officeOther,
                gateway: viaMaster.gatewayOther,
                officeOther: viaMaster.office,
                gatewayOther: viaMaster.gateway,
            };
            const since = await startHypermotion(h);
            for (const [site, tunnel] of [
                [h.office, viaMaster.office],
                [h.office, viaSlave.office],
                [h.gateway, viaMaster.gateway],
                [h.gateway, viaSlave.gateway],
            ] as const) {
                assert.ok(await waitForTunnel(site, tunnel, since, 20_000), `${site.name}/${tunnel} did not come up within 20 s`);
            }
            // Both ends initiate both tunnels; the gateway's first retransmissions can still add SAs. Let them pass.
            await sleep(Math.max(0, since + 6000 - Date.now()));

            // Lab variant step (kernel-libipsec ignores fixed priorities): re-establish the master so it is the newest.
            const swanctl = async (args: string[], timeoutMs: number) => {
                const result = await h.office.strongswan.swanctl(args, timeoutMs);
                assert.equal(result.code, 0, `swanctl ${args.join(" ")}: ${result.stdout}${result.stderr}`);
            };
            const reestablishMaster = async (): Promise<Carried> => {
                await swanctl(["--terminate", "--ike", viaMaster.office, "--timeout", "10"], 15_000);
                await swanctl(["--initiate", "--child", viaMaster.office, "--timeout", "15"], 20_000);
                return probe(h, 3);
            };
            let before = await reestablishMaster();
            if (!carriedOn(before, viaMaster, 3)) {
                log(`  after the first re-establishment: office ${show(before.office)}; gateway ${show(before.gateway)}; once more`);
                before = await reestablishMaster();
            }
            log(`  before: office ${show(before.office)}; gateway ${show(before.gateway)}`);
            assertCarriedOn(before, viaMaster, "before the fault, the traffic did not pass through the master at both ends");

            // Fault: the master path dies (both directions, IP only) on the internet's bridge.
            const bound = deadPeerBoundSeconds(version);
            const downAt = Date.now();
            await dropAddress(lab, master.gatewayIp);
            const down = await waitFor(async () => (await probe(h)).ok, bound * 1000 + MARGIN_MS, 1000);
            const downMs = Date.now() - downAt;
            assert.ok(down, `no traffic both ways within ${bound} s + ${MARGIN_MS / 1000} s of dropping the master path`);
            // Counters of an SA deleted between two snapshots are lost (both ends initiate, duplicates go away):
            // the check is repeated (bounded) until one probe of 3 pings each way is counted whole.
            const onSlave = await settled(h, viaSlave);
            log(`  master path dropped: traffic both ways again after ${seconds(downMs)}; office ${show(onSlave.office)}; gateway ${show(onSlave.gateway)}`);
            assertCarriedOn(onSlave, viaSlave, "with the master path dropped, the traffic did not pass through the slave at both ends");
            // IKEv1: the dpd_timeout job; IKEv2: the probe's last retransmission timed out.
            const declaredDead = ikev2 ? /giving up after \d+ retransmits/ : /DPD check timed out, enforcing DPD action/;
            assert.match(h.office.strongswan.log(), declaredDead, "the office's DPD did not declare the master dead");

            // Recovery: the master path returns; the rendered dpd_action = restart / keyingtries = 0 bring the master back.
            const upAt = Date.now();
            await restorePaths(lab);
            const back = await waitFor(async () => carriedOn(await probe(h), viaMaster, 1), BACK_TIMEOUT_MS, 1000);
            const backMs = Date.now() - upAt;
            assert.ok(back, `traffic did not return to the master within ${BACK_TIMEOUT_MS / 1000} s of restoring its path`);
            const onMaster = await settled(h, viaMaster);
            log(`  master path restored: traffic on the master again after ${seconds(backMs)}; office ${show(onMaster.office)}; gateway ${show(onMaster.gateway)}`);
            assertCarriedOn(onMaster, viaMaster, "after the master path returned, the traffic did not pass through the master at both ends");
            // The slave stayed up throughout: Alibaba keeps it negotiated as the standby.
            assert.ok(await waitForTunnel(h.office, viaSlave.office, Date.now(), 1000), "the slave tunnel is no longer up at the office");

            let timers = "";
            if (ikev2) {
                // IKEv2 negotiates no lifetime (RFC 7296 2.8): the rendered config's own timers are what counts.
                const { ike, child } = findTunnel((await h.office.strongswan.listSas()).sas, viaMaster.office);
                const p = h.link.profile;
                const [rekey, expiry] = [Number(ike?.["rekey-time"]), Number(child?.["life-time"])];
                log(`  office ${viaMaster.office}: IKE SA rekeys in ${rekey} s, CHILD_SA expires in ${expiry} s (profile ${p.ike.lifetimeSeconds}/${p.ipsec.lifetimeSeconds} s)`);
                assert.ok(rekey > 0 && rekey <= p.ike.lifetimeSeconds, "the office's IKE SA rekeys beyond the profile's lifetime");
                assert.ok(expiry > 0 && expiry <= p.ipsec.lifetimeSeconds, "the office's CHILD_SA expires beyond the profile's lifetime");
                timers = `, office SAs within ${p.ike.lifetimeSeconds}/${p.ipsec.lifetimeSeconds} s`;
            }
            const how = ikev2 ? "dpd_delay + 1 s + retransmissions" : "dpd_delay + IKEv1 dpd_timeout";
            return {
                summary:
                    `lab ${name}: master down -> traffic via slave in ${seconds(downMs)} (bound ${bound} s: ${how}), ` +
                    `back to master in ${seconds(backMs)} (counted on the CHILD_SAs at both ends${timers})`,
                details: { downMs, backMs, boundSeconds: bound, before, onSlave, onMaster },
            };
        },
    };
}

export const failoverIkev1Scenario = failoverScenario("ikev1");
export const failoverIkev2Scenario = failoverScenario("ikev2");
