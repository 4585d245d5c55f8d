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
// ESP in this kernel, facts.md), which ignores fixed priorities and sends through the most recently installed
// policy (src/libipsec/ipsec_policy_mgr.c: equal pseudo-priorities, newest first). So after both tunnels are up
// the lab re-establishes the master once (swanctl --terminate/--initiate), making it the newest at both ends,
// which is where XFRM's priorities put it. Failover (the master's policies deleted) and the way back (a new
// master SA, again the newest) then need nothing from the lab: they run on the rendered config alone.
import * as assert from "node:assert/strict";
import { deadPeerBoundSeconds } from "../../renderers/strongswan";
import { alibabaConnectionName } from "../alibabaSide";
import { runOk, seconds, sleep, waitFor } from "../exec";
import { childPackets, packetDelta, waitForTunnel } from "../ipsec";
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
    return { office: packetDelta(office0, office1), gateway: packetDelta(gateway0, gateway1), ok: out.received === count && back.received === count };
}

const through = (delta: Map<string, { in: number; out: number }>, name: string, n: number) => (delta.get(name)?.in ?? 0) >= n && (delta.get(name)?.out ?? 0) >= n;
const quiet = (delta: Map<string, { in: number; out: number }>, name: string) => (delta.get(name)?.in ?? 0) === 0 && (delta.get(name)?.out ?? 0) === 0;
const show = (delta: Map<string, { in: number; out: number }>) => [...delta].map(([k, v]) => `${k} +${v.out} out/+${v.in} in`).join(", ") || "none";

/** Probes (3 pings each way) until one is counted whole on `officeOn`/`gatewayOn` and not at all on the others, or 15 s pass. */
function settled(h: HypermotionLab, officeOn: string, gatewayOn: string, officeOff: string, gatewayOff: string): Promise<Carried | undefined> {
    return waitFor(async () => {
        const p = await probe(h, 3);
        const whole = p.ok && through(p.office, officeOn, 3) && quiet(p.office, officeOff) && through(p.gateway, gatewayOn, 3) && quiet(p.gateway, gatewayOff);
        return whole ? p : undefined;
    }, 15_000, 1000);
}

export const failoverScenario: LabScenario = {
    name: "failover",
    title: "seed 000 dual tunnel: the master path dropped in the internet namespace moves traffic to the slave (both ways, rendered DPD), and back to the master when it returns",
    needs: { strongswan: true, nft: true },
    async run(lab, log): Promise<ScenarioResult> {
        const h = await setupHypermotion(lab);
        const master = h.alibaba.tunnels.find((t) => t.role === "master");
        const slave = h.alibaba.tunnels.find((t) => t.role === "slave");
        assert.ok(master && slave, "the hypermotion connection has a master and a slave tunnel");
        const names = {
            officeMaster: h.officeMaster,
            officeSlave: `${h.link.name}-slave`,
            gatewayMaster: alibabaConnectionName(master),
            gatewaySlave: alibabaConnectionName(slave),
        };
        const since = await startHypermotion(h);
        for (const [site, name] of [[h.office, names.officeMaster], [h.office, names.officeSlave], [h.gateway, names.gatewayMaster], [h.gateway, names.gatewaySlave]] as const) {
            assert.ok(await waitForTunnel(site, name, since, 20_000), `${site.name}/${name} did not come up within 20 s`);
        }
        // Both ends initiate both tunnels; the gateway's first retransmission (4 s) can still add SAs. Let it pass.
        await sleep(Math.max(0, since + 6000 - Date.now()));

        // Lab variant step (kernel-libipsec ignores fixed priorities): re-establish the master so it is the newest.
        const settle = async (): Promise<Carried> => {
            const terminated = await h.office.strongswan.swanctl(["--terminate", "--ike", names.officeMaster, "--timeout", "10"], 15_000);
            assert.equal(terminated.code, 0, `swanctl --terminate --ike ${names.officeMaster}: ${terminated.stdout}${terminated.stderr}`);
            const initiated = await h.office.strongswan.swanctl(["--initiate", "--child", names.officeMaster, "--timeout", "15"], 20_000);
            assert.equal(initiated.code, 0, `swanctl --initiate --child ${names.officeMaster}: ${initiated.stdout}${initiated.stderr}`);
            return probe(h, 3);
        };
        let before = await settle();
        if (!(through(before.office, names.officeMaster, 3) && through(before.gateway, names.gatewayMaster, 3))) {
            log(`  after the first re-establishment: office ${show(before.office)}; gateway ${show(before.gateway)}; once more`);
            before = await settle();
        }
        log(`  before: office ${show(before.office)}; gateway ${show(before.gateway)}`);
        assert.ok(before.ok, "no traffic both ways before the fault");
        assert.ok(through(before.office, names.officeMaster, 3) && quiet(before.office, names.officeSlave), `the office did not send through the master: ${show(before.office)}`);
        assert.ok(through(before.gateway, names.gatewayMaster, 3) && quiet(before.gateway, names.gatewaySlave), `the gateway did not send through the master: ${show(before.gateway)}`);

        // Fault: the master path dies (both directions, IP only) on the internet's bridge.
        const bound = deadPeerBoundSeconds("ikev1");
        const downAt = Date.now();
        await dropAddress(lab, master.gatewayIp);
        let onSlave: Carried | undefined;
        const down = await waitFor(async () => {
            const p = await probe(h);
            if (p.ok) onSlave = p;
            return p.ok;
        }, bound * 1000 + MARGIN_MS, 1000);
        const downMs = Date.now() - downAt;
        assert.ok(down && onSlave, `no traffic both ways within ${bound} s + ${MARGIN_MS / 1000} s of dropping the master path`);
        // Counters of an SA deleted between two snapshots are lost (both ends initiate, duplicates go away):
        // the check is repeated (bounded) until one probe of 3 pings each way is counted whole.
        const slaveCheck = (await settled(h, names.officeSlave, names.gatewaySlave, names.officeMaster, names.gatewayMaster)) ?? (await probe(h, 3));
        log(`  master path dropped: traffic both ways again after ${seconds(downMs)}; office ${show(slaveCheck.office)}; gateway ${show(slaveCheck.gateway)}`);
        assert.ok(slaveCheck.ok, "traffic stopped again on the slave");
        assert.ok(through(slaveCheck.office, names.officeSlave, 3) && quiet(slaveCheck.office, names.officeMaster), `office: not through the slave: ${show(slaveCheck.office)}`);
        assert.ok(through(slaveCheck.gateway, names.gatewaySlave, 3) && quiet(slaveCheck.gateway, names.gatewayMaster), `gateway: not through the slave: ${show(slaveCheck.gateway)}`);
        const officeLog = h.office.strongswan.log();
        assert.match(officeLog, /DPD check timed out, enforcing DPD action/, "the office's DPD did not declare the master dead");

        // Recovery: the master path returns; the rendered dpd_action = restart / keyingtries = 0 bring the master back.
        const upAt = Date.now();
        await restorePaths(lab);
        let onMaster: Carried | undefined;
        const back = await waitFor(async () => {
            const p = await probe(h);
            if (p.ok && through(p.office, names.officeMaster, 1) && through(p.gateway, names.gatewayMaster, 1)) onMaster = p;
            return onMaster !== undefined;
        }, BACK_TIMEOUT_MS, 1000);
        const backMs = Date.now() - upAt;
        assert.ok(back && onMaster, `traffic did not return to the master within ${BACK_TIMEOUT_MS / 1000} s of restoring its path`);
        const masterCheck = (await settled(h, names.officeMaster, names.gatewayMaster, names.officeSlave, names.gatewaySlave)) ?? (await probe(h, 3));
        log(`  master path restored: traffic on the master again after ${seconds(backMs)}; office ${show(masterCheck.office)}; gateway ${show(masterCheck.gateway)}`);
        assert.ok(masterCheck.ok, "traffic stopped after the return to the master");
        assert.ok(through(masterCheck.office, names.officeMaster, 3) && quiet(masterCheck.office, names.officeSlave), `office: not back on the master: ${show(masterCheck.office)}`);
        assert.ok(through(masterCheck.gateway, names.gatewayMaster, 3) && quiet(masterCheck.gateway, names.gatewaySlave), `gateway: not back on the master: ${show(masterCheck.gateway)}`);
        // The slave stayed up throughout: Alibaba keeps it negotiated as the standby.
        assert.ok(await waitForTunnel(h.office, names.officeSlave, Date.now(), 1000), "the slave tunnel is no longer up at the office");

        return {
            summary:
                `lab failover: master down -> traffic via slave in ${seconds(downMs)} (bound ${bound} s: dpd_delay + IKEv1 dpd_timeout), ` +
                `back to master in ${seconds(backMs)} (counted on the CHILD_SAs at both ends)`,
            details: { downMs, backMs, boundSeconds: bound, before, onSlave: slaveCheck, onMaster: masterCheck },
        };
    },
};
