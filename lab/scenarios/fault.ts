// Scenario 5, fault: with the HyperMotion tunnel up, kill one end's charon (SIGKILL: no DELETE is sent,
// as in a crash or power loss), start it again with the same config, and measure until traffic passes
// again without anyone touching the other end:
//   - the office (the library's rendered config): start_action = start initiates again, and the new IKE SA
//     carries INITIAL_CONTACT, so the gateway drops the dead SAs;
//   - the gateway (the translated Alibaba config; effectImmediately): it initiates again, the office accepts.
import * as assert from "node:assert/strict";
import { DPD_DELAY_SECONDS, DPD_TIMEOUT_IKEV1_SECONDS, deadPeerBoundSeconds } from "../../renderers/strongswan";
import { seconds, waitFor } from "../exec";
import { findTunnel } from "../ipsec";
import { Site } from "../netns";
import { LabScenario, ScenarioResult } from "../scenario";
import { HypermotionLab, setupHypermotion, startHypermotion } from "./hypermotion";

/** Bounded: kill and restart bring the tunnel back by initiation, well before DPD would (rendered bound: 40 s for IKEv1). */
const RECOVERY_TIMEOUT_MS = 45_000;

/** One ping from the office only (the gateway's own traffic could trigger a trap policy). */
async function officeToVpc(h: HypermotionLab): Promise<boolean> {
    return (await h.office.ping(h.officeHosts[0], h.vpcHost, 1)).received === 1;
}

/** One ping each way; true when both got through. */
async function bothWays(h: HypermotionLab): Promise<boolean> {
    const out = await h.office.ping(h.officeHosts[0], h.vpcHost, 1);
    if (out.received !== 1) {
        return false;
    }
    return (await h.gateway.ping(h.vpcHost, h.officeHosts[0], 1)).received === 1;
}

/** Kills `victim`'s charon, restarts it with the same config, returns ms until `probe` (pings) passes. */
async function crashAndRecover(h: HypermotionLab, victim: Site, probe = bothWays, timeoutMs = RECOVERY_TIMEOUT_MS): Promise<{ ms: number; restartMs: number }> {
    const killedAt = Date.now();
    await victim.stopDaemon("SIGKILL");
    await victim.startDaemon();
    const restartMs = Date.now() - killedAt;
    const ok = await waitFor(() => probe(h), timeoutMs, 500);
    assert.ok(ok, `after restarting ${victim.name}'s charon the tunnel did not carry traffic again within ${timeoutMs / 1000} s`);
    return { ms: Date.now() - killedAt, restartMs };
}

export const faultScenario: LabScenario = {
    name: "fault",
    title: "kill -9 and restart either end's charon: the tunnel comes back by itself (rendered start_action/DPD, Alibaba's effectImmediately)",
    needs: { strongswan: true },
    async run(lab, log): Promise<ScenarioResult> {
        const h = await setupHypermotion(lab);
        const since = await startHypermotion(h);
        const up = await waitFor(() => bothWays(h), 20_000, 200);
        assert.ok(up, "the HyperMotion tunnel did not carry traffic before the fault");
        log(`  tunnel up and carrying traffic after ${seconds(Date.now() - since)}`);

        const office = await crashAndRecover(h, h.office);
        const officeSas = findTunnel((await h.office.strongswan.listSas()).sas, h.officeMaster);
        log(`  office charon killed: charon back in ${seconds(office.restartMs)}, traffic both ways after ${seconds(office.ms)} (office ${h.officeMaster} ${officeSas.child ? "INSTALLED" : "not installed"})`);

        const gateway = await crashAndRecover(h, h.gateway);
        log(`  gateway charon killed: charon back in ${seconds(gateway.restartMs)}, traffic both ways after ${seconds(gateway.ms)}`);
        return {
            summary: `lab fault: office charon kill -9 + restart → traffic both ways again in ${seconds(office.ms)}; gateway charon kill -9 + restart → again in ${seconds(gateway.ms)}`,
            details: { officeRecoveryMs: office.ms, gatewayRecoveryMs: gateway.ms },
        };
    },
};

/**
 * The office's DPD alone (slow, opt-in: LAB_SLOW=1 in the tests): a gateway that only responds (as with
 * effectImmediately false, modelled here as start_action = none) is killed and restarted; nothing but the
 * rendered dpd_delay = 10s / dpd_timeout = 30s / dpd_action = restart can bring the tunnel back, within the
 * bound the renderer derives and states (deadPeerBoundSeconds: 40 s for IKEv1, about 30 s in practice: the
 * probe goes out after 10 s idle, the SA is declared dead 30 s after the last packet). Before the renderer set
 * dpd_timeout, strongSwan's default of 150 s applied and this took 165.4 s.
 */
export const faultDpdScenario: LabScenario = {
    name: "fault-dpd",
    title: "(slow) a responder-only gateway restarts: the rendered config's DPD alone brings the tunnel back",
    needs: { strongswan: true },
    slow: true,
    async run(lab, log): Promise<ScenarioResult> {
        const h = await setupHypermotion(lab);
        h.gateway.strongswan.writeSwanctlConf(h.alibaba.swanctlConf.replace(/start_action = start/g, "start_action = none").replace(/dpd_action = restart/g, "dpd_action = clear"));
        await startHypermotion(h);
        assert.ok(await waitFor(() => officeToVpc(h), 20_000, 200), "the tunnel did not come up");
        const bound = deadPeerBoundSeconds("ikev1");
        // The bound plus the restart and the renegotiation (milliseconds here), with a margin for 2 shared cores.
        const gateway = await crashAndRecover(h, h.gateway, officeToVpc, (bound + 20) * 1000);
        log(`  responder gateway killed and restarted: the office's DPD restarted the tunnel after ${seconds(gateway.ms)}`);
        return {
            summary: `lab fault-dpd: responder-only gateway kill -9 + restart → office DPD (${DPD_DELAY_SECONDS} s delay, ${DPD_TIMEOUT_IKEV1_SECONDS} s IKEv1 timeout, bound ${bound} s) brings traffic back in ${seconds(gateway.ms)}`,
            details: { recoveryMs: gateway.ms },
        };
    },
};
