// Scenario 1, HyperMotion (seed 000): the stack of Pulumi.hypermotion-dev.yaml on the emulator; the
// Alibaba gateway (198.51.100.1 master, .2 slave) runs the translation of the recorded connection, the
// office (203.0.113.10) runs the library's strongSwan rendering of the link. The seed's office device is
// an H3C ER; the lab renders strongSwan from the same resolved link, since an H3C cannot run here.
// Proves: IKEv1 main mode aes256/sha1/group2 and ESP aes256/sha1 with PFS group2 negotiate, and the
// OpenStack control and floating-IP networks reach the VPC and back.
import * as assert from "node:assert/strict";
import { PlanReport } from "../../cli/plan";
import { TYPES } from "../../emulator";
import { ResolvedLink } from "../../model/link";
import { AlibabaGatewaySite, alibabaConnectionName, buildAlibabaSites, hostAddress } from "../alibabaSide";
import { seconds, sleep } from "../exec";
import { childPackets, findTunnel, formatPings, packetDelta, peerConnectionNames, peerSiteSpec, pingBothWays, planForLab, waitForTunnel } from "../ipsec";
import { Lab, PingResult, Site } from "../netns";
import { LabScenario, ScenarioResult } from "../scenario";
import { espAlgorithms, ikeAlgorithms } from "../strongswan";

export interface HypermotionLab {
    link: ResolvedLink;
    alibaba: AlibabaGatewaySite;
    gateway: Site;
    office: Site;
    /** Name of the master tunnel: on the office (renderer's naming) and on the gateway (translator's naming). */
    officeMaster: string;
    gatewayMaster: string;
    /** A VPC host (on the gateway's lo) and the office LAN hosts (OpenStack control and floating-IP networks). */
    vpcHost: string;
    officeHosts: string[];
}

/**
 * Builds the HyperMotion sites in `lab` (nothing started). `editPeerConfig` changes the rendered office
 * config before it is written (the mismatch scenario); by default it is used verbatim.
 */
export async function setupHypermotion(
    lab: Lab,
    editPeerConfig: (text: string) => string = (t) => t,
    plan: Promise<PlanReport> = planForLab("hypermotion"),
): Promise<HypermotionLab> {
    const report = await plan;
    const link = report.links.find((l) => l.name === "office");
    assert.ok(link, "the hypermotion stack has an office link");
    const [alibaba, ...others] = buildAlibabaSites(report.emulator.state);
    assert.equal(others.length, 0, "one VPN gateway");
    // The OpenStack networks the VPC routes to the gateway (seed 000, step 4): one host in each.
    const officeHosts = report.resources.filter((r) => r.type === TYPES.vpcRoute).map((r) => hostAddress(r.inputs.destinationCidrblock, 1));
    const gateway = await lab.addSite(alibaba.spec);
    const renderedSpec = peerSiteSpec(link, { name: "office", lanAddresses: officeHosts });
    const swanctlConf = renderedSpec.daemon.kind === "strongswan" ? renderedSpec.daemon.swanctlConf : "";
    const office = await lab.addSite({ ...renderedSpec, daemon: { kind: "strongswan", swanctlConf: editPeerConfig(swanctlConf) } });
    const master = alibaba.tunnels.find((t) => t.role === "master" || t.role === "single")!;
    return {
        link,
        alibaba,
        gateway,
        office,
        officeMaster: peerConnectionNames(link)[0],
        gatewayMaster: alibabaConnectionName(master),
        vpcHost: alibaba.spec.lanAddresses[0],
        officeHosts,
    };
}

/**
 * Starts the gateway's charon and loads its config (it initiates both tunnels at once: the connection has
 * effectImmediately; nobody answers yet, so it retransmits, as Alibaba keeps retrying), then starts the
 * office's charon and loads the rendered config (start_action = start initiates the master tunnel).
 * Returns the moment the office's config began loading: both ends are configured from then on.
 */
/**
 * Starts both ends and returns when the office's config is loaded. With `officeFirst`, the office starts first and
 * the gateway only once `officeFirst` resolves: both ends initiate, and the one that wins the race decides whose
 * Main Mode proposal goes on the wire (a responder sends none, and charon reuses an IKE SA the peer set up).
 */
export async function startHypermotion(h: HypermotionLab, officeFirst?: () => Promise<void>): Promise<number> {
    if (officeFirst) {
        await h.office.strongswan.start();
        const since = Date.now();
        await h.office.strongswan.loadAll();
        await officeFirst();
        await h.gateway.startDaemon();
        return since;
    }
    await h.gateway.startDaemon();
    await h.office.strongswan.start();
    const since = Date.now();
    await h.office.strongswan.loadAll();
    return since;
}

export async function pingHypermotion(h: HypermotionLab, count = 4): Promise<PingResult[]> {
    const results: PingResult[] = [];
    for (const host of h.officeHosts) {
        results.push(...(await pingBothWays(h.office, host, h.gateway, h.vpcHost, count)));
    }
    return results;
}

/** What swanctl must report for the seed's profile (aes256/sha1/group2, PFS group2), in swanctl's own names. */
export const HYPERMOTION_EXPECTED = {
    ike: "AES_CBC-256/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_1024",
    esp: "AES_CBC-256/HMAC_SHA1_96/MODP_1024",
};

/**
 * The lifetimes the office proposed, as the gateway received them, against the profile:
 * - IKE (phase 1): the life-duration attributes of the office's Main Mode proposals, read off the wire with
 *   tcpdump (the first Main Mode messages are not encrypted);
 * - ESP (phase 2, encrypted): strongSwan logs "received Xs lifetime, configured Ys" whenever a Quick Mode
 *   proposal's lifetime differs from its own (apply_lifetimes in
 *   https://github.com/strongswan/strongswan/blob/5.9.8/src/libcharon/sa/ikev1/tasks/quick_mode.c) and then uses X. The gateway is
 *   configured with Alibaba's lifetime exactly (lab/alibabaSide.ts), so no such line on either end means the
 *   office proposed exactly that; the gateway's CHILD_SA also expires within it.
 */
async function lifetimesOnTheWire(h: HypermotionLab, dump: string, log: (line: string) => void): Promise<{ ike: number; esp: number }> {
    const profile = h.link.profile;
    // tcpdump prints each SA attribute as (type=lifeduration len=4 value=00015180) or (type=lifeduration value=...).
    const fromOffice = dump.split(/\n(?=\d\d:\d\d:\d\d)/).filter((packet) => packet.includes(`${h.link.peerPublicIp}.500 > `));
    const durations = [...fromOffice.join("\n").matchAll(/type=lifeduration (?:len=\d+ )?value=([0-9a-f]+)/g)].map((m) => parseInt(m[1], 16));
    log(`  IKE life-duration in the office's Main Mode proposals (tcpdump at the gateway): ${[...new Set(durations)].join(", ") || "none"}`);
    assert.ok(durations.length > 0, `no life-duration attribute in the office's Main Mode packets:\n${dump.slice(0, 3000)}`);
    assert.deepEqual([...new Set(durations)], [profile.ike.lifetimeSeconds], "the office proposed an IKE lifetime other than the profile's");
    for (const site of [h.gateway, h.office]) {
        const mismatch = /received (\d+)s lifetime, configured (\d+)s/.exec(site.strongswan.log());
        assert.equal(mismatch, null, `${site.name} received a Quick Mode lifetime other than its own: ${mismatch?.[0]}`);
    }
    const { sas } = await h.gateway.strongswan.listSas();
    const gatewayChild = findTunnel(sas, h.gatewayMaster).child;
    const lifeLeft = Number(gatewayChild?.["life-time"]);
    log(`  gateway ${h.gatewayMaster} CHILD_SA expires in ${lifeLeft} s (profile ${profile.ipsec.lifetimeSeconds} s); no "received Xs lifetime" line on either end`);
    assert.ok(lifeLeft > 0 && lifeLeft <= profile.ipsec.lifetimeSeconds, `the gateway's CHILD_SA expires in ${lifeLeft} s, beyond the profile's ${profile.ipsec.lifetimeSeconds} s`);
    return { ike: durations[0], esp: profile.ipsec.lifetimeSeconds };
}

export const hypermotionScenario: LabScenario = {
    name: "hypermotion",
    title: "seed 000: the rendered office config and the translated Alibaba connection negotiate IKEv1 aes256/sha1/group2 and carry both OpenStack networks",
    needs: { strongswan: true, tcpdump: true },
    async run(lab, log): Promise<ScenarioResult> {
        const h = await setupHypermotion(lab);
        // What the gateway receives: IKEv1 Main Mode's first message carries the SA proposal in clear (UDP 500).
        const capture = await h.gateway.capture(["udp", "port", "500"]);
        // The office's proposal is what is checked: the gateway starts once that proposal has reached it (bounded),
        // so the gateway's own initiation cannot win the race and leave the office a mere responder (seen under load).
        const officeProposal = `${h.link.peerPublicIp}.500 > `;
        const since = await startHypermotion(h, async () => {
            for (let i = 0; i < 50 && !capture.text().includes(officeProposal); i++) {
                await sleep(100);
            }
        });
        const up = await waitForTunnel(h.office, h.officeMaster, since, 20_000);
        assert.ok(up, `the office's ${h.officeMaster} tunnel did not come up within 20 s`);
        const gatewaySide = await waitForTunnel(h.gateway, h.gatewayMaster, since, 10_000);
        assert.ok(gatewaySide, `the gateway's ${h.gatewayMaster} tunnel is not up`);
        // The standby tunnel: the office only answers for it (start_action = none), the gateway initiates it.
        const slaveName = h.alibaba.tunnels.find((t) => t.role === "slave");
        const slave = slaveName ? await waitForTunnel(h.gateway, alibabaConnectionName(slaveName), since, 15_000) : undefined;
        if (slaveName) {
            assert.ok(slave, `the gateway's slave tunnel ${alibabaConnectionName(slaveName)} did not come up within 15 s`);
            log(`  slave tunnel (gateway-initiated, ${slaveName.gatewayIp}) up after ${seconds(slave.childMs)}`);
        }

        const wire = await lifetimesOnTheWire(h, await capture.stop(), log);

        const ike = ikeAlgorithms(up.ike);
        const child = up.child;
        const esp = espAlgorithms(child);
        log(`  office ${h.officeMaster}: IKEv${up.ike.version} ${ike}; ESP ${esp}; ${String(child["local-ts"])} === ${String(child["remote-ts"])}; encap=${child.encap}`);
        assert.equal(up.ike.version, "1");
        assert.equal(ike, HYPERMOTION_EXPECTED.ike);
        assert.equal(esp, HYPERMOTION_EXPECTED.esp);
        assert.equal(ikeAlgorithms(gatewaySide.ike), HYPERMOTION_EXPECTED.ike);
        assert.deepEqual(child["local-ts"], h.link.peerSubnets);
        assert.deepEqual(child["remote-ts"], h.link.alibabaSubnets);

        // Packet counters of every CHILD_SA (both ends initiate, so a tunnel may have two SAs; the slave has its own).
        // A duplicate SA deleted between two snapshots takes its counts with it: wait until both ends' first
        // retransmissions are over (both initiate both tunnels), and count again (bounded) if packets went missing.
        await sleep(Math.max(0, since + 6000 - Date.now()));
        const expected = 4 * h.officeHosts.length * 2;
        let attempt = 0;
        let before: Awaited<ReturnType<typeof childPackets>>;
        let gatewayBefore: Awaited<ReturnType<typeof childPackets>>;
        let pings: PingResult[];
        let after: Awaited<ReturnType<typeof childPackets>>;
        let countedOut: number;
        do {
            before = await childPackets(h.office);
            gatewayBefore = await childPackets(h.gateway);
            pings = await pingHypermotion(h);
            after = await childPackets(h.office);
            countedOut = [...packetDelta(before, after).values()].reduce((n, d) => n + d.out, 0);
        } while (++attempt < 3 && countedOut < expected);
        const gatewayDelta = packetDelta(gatewayBefore, await childPackets(h.gateway));
        log(`  gateway CHILD_SA packets during the pings: ${[...gatewayDelta].map(([k, v]) => `${k} +${v.out} out/+${v.in} in`).join(", ")}`);
        // The pings went through ESP SAs, not around them: the office's CHILD_SAs counted them.
        const sent = pings.filter((p) => h.officeHosts.includes(p.from)).reduce((n, p) => n + p.sent, 0);
        const answered = pings.filter((p) => p.from === h.vpcHost).reduce((n, p) => n + p.received, 0);
        const delta = [...packetDelta(before, after)].map(([sa, d]) => ({ sa, ...d }));
        const carried = { in: delta.reduce((n, d) => n + d.in, 0), out: delta.reduce((n, d) => n + d.out, 0) };
        log(`  office CHILD_SA packets during the pings: ${delta.map((d) => `${d.sa} +${d.out} out/+${d.in} in`).join(", ")}`);
        log(`  ping ${formatPings(pings)}`);
        const outbound = pings.filter((p) => h.officeHosts.includes(p.from));
        const inbound = pings.filter((p) => p.from === h.vpcHost);
        const sum = (ps: PingResult[], k: "sent" | "received") => ps.reduce((n, p) => n + p[k], 0);
        const summary =
            `lab hypermotion: IKE up in ${seconds(up.ikeMs)}, CHILD up in ${seconds(up.childMs)} ` +
            `(IKEv1 ${ike}, ESP ${esp})${slave ? `, slave up in ${seconds(slave.childMs)}` : ""}, lifetimes on the wire IKE ${wire.ike} s / ESP ${wire.esp} s, ` +
            `ping ${sum(outbound, "received")}/${sum(outbound, "sent")} office→VPC, ` +
            `${sum(inbound, "received")}/${sum(inbound, "sent")} VPC→office`;
        for (const p of pings) {
            assert.equal(p.received, p.sent, `ping ${p.from} → ${p.to}: ${p.received}/${p.sent}`);
        }
        // Echo requests out + replies to the gateway's pings out; same for in.
        assert.ok(carried.out >= sent + answered, `only ${carried.out} packets left through the office's SAs`);
        assert.ok(carried.in >= sent + answered, `only ${carried.in} packets arrived through the office's SAs`);
        return { summary, details: { ikeMs: up.ikeMs, childMs: up.childMs, slaveMs: slave?.childMs, ike, esp, pings, packets: delta, wire } };
    },
};
