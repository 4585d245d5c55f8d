// Scenario cloud-aws (seed 001, Pulumi.cloud-aws-dev.yaml): the Alibaba Cloud Beijing gateway and AWS Singapore's
// VPN endpoints, both translated from what the emulator recorded: the Alibaba end from the two alicloud
// vpn/connection resources (lab/alibabaSide.ts), the AWS end from the two aws ec2/vpnConnection resources
// (lab/awsSide.ts). No library-rendered config is involved: if the library sent the two clouds different values,
// or wired an Alibaba tunnel to the wrong AWS connection, the tunnels would not come up.
//
// Proves: all four tunnels (Alibaba connection k's master on AWS connection A's tunnel k, its slave on B's tunnel k)
// come up with the profile's algorithms on both ends (IKEv2 AES_CBC-256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048,
// ESP AES_CBC-256/HMAC_SHA2_256_128, MODP_2048 at a forced rekey), the Alibaba VPC host and the AWS VPC host ping
// each other; and a mismatch the checks refuse (phase 1 aes192, which AWS does not offer) fails to negotiate.
import * as assert from "node:assert/strict";
import { planAwsCloudLink } from "../../model/clouds/awsLink";
import { errorsOf } from "../../model/findings";
import { alibabaConnectionName, buildAlibabaSites, hostAddress } from "../alibabaSide";
import { awsConnectionName, buildAwsSite } from "../awsSide";
import { CLOUD_DEFAULT_EXPECTED, TunnelPair, assertAlgorithms, cloudStackConfig, rekeyChildren, runMismatch, waitForPairs } from "../cloudPeer";
import { seconds } from "../exec";
import { formatPings, pingBothWays, planForLab } from "../ipsec";
import { LabScenario, ScenarioResult } from "../scenario";
import { espAlgorithms } from "../strongswan";

export const CLOUD_AWS_STACK = "cloud-aws";

/** The cloud default profile (IKEv2 aes256/sha256/group14, ESP aes256/sha256 PFS group14) in swanctl's names. */
export const CLOUD_AWS_EXPECTED = CLOUD_DEFAULT_EXPECTED;

export const cloudAwsScenario: LabScenario = {
    name: "cloud-aws",
    title: "seed 001: Alibaba Beijing <-> AWS Singapore, both ends translated from the recorded resources; all four tunnels up with the profile's algorithms, both VPCs ping; an aes192 profile the checks refuse fails NO_PROPOSAL_CHOSEN",
    needs: { strongswan: true },
    async run(lab, log): Promise<ScenarioResult> {
        const report = await planForLab(CLOUD_AWS_STACK);
        const state = report.emulator.state;
        const config = cloudStackConfig(CLOUD_AWS_STACK);
        const awsHost = hostAddress(config.aws.vpcCidrs[0], 10);
        const [gateway, ...others] = buildAlibabaSites(state, { siteName: () => "alibaba" });
        assert.equal(others.length, 0, "one Alibaba VPN gateway");
        const aws = buildAwsSite(state, { lanAddresses: [awsHost] });
        const alibabaHost = gateway.spec.lanAddresses[0];

        // The wiring, read back from the recorded resources: each Alibaba tunnel's customer gateway is an AWS tunnel
        // whose own customer gateway is the Alibaba address the tunnel leaves from.
        const pairs: TunnelPair[] = gateway.tunnels.map((t) => {
            const target = aws.tunnels.find((a) => a.outsideIp === t.customerGatewayIp);
            assert.ok(target, `${alibabaConnectionName(t)} points at ${t.customerGatewayIp}, which is no AWS tunnel`);
            assert.equal(
                target.customerGatewayIp,
                t.gatewayIp,
                `${alibabaConnectionName(t)} leaves from ${t.gatewayIp} but AWS ${awsConnectionName(target)} expects ${target.customerGatewayIp}`,
            );
            assert.equal(target.psk, t.psk, `${alibabaConnectionName(t)} and ${awsConnectionName(target)} have different keys`);
            return { alibaba: alibabaConnectionName(t), peer: awsConnectionName(target) };
        });
        assert.equal(pairs.length, 4, "two Alibaba connections, master and slave each");
        assert.equal(new Set(pairs.map((p) => p.peer)).size, 4, "four distinct AWS tunnels");
        log(
            `  alibaba ${gateway.gateway.id} on ${gateway.spec.publicIps.join(", ")} host ${alibabaHost}; aws ${aws.spec.publicIps.join(", ")} host ${awsHost}`,
        );
        log(`  wiring: ${pairs.map((p) => `${p.alibaba} → ${p.peer}`).join(", ")}`);

        const a = await lab.addSite(gateway.spec);
        const b = await lab.addSite(aws.spec);
        // AWS answers (startup action add); Alibaba initiates (effectImmediately). Start the responder first.
        await b.strongswan.start();
        await b.strongswan.loadAll();
        await a.strongswan.start();
        const since = Date.now();
        await a.strongswan.loadAll();
        const up = await waitForPairs(a, b, pairs, since, 30_000);
        const allUpMs = Math.max(...[...up.values()].map((u) => u.ms));
        assertAlgorithms(up, CLOUD_AWS_EXPECTED);
        log(`  all 4 tunnels up after ${seconds(allUpMs)}: IKEv2 ${CLOUD_AWS_EXPECTED.ike}, ESP ${CLOUD_AWS_EXPECTED.esp} on both ends`);

        // PFS: force a rekey of every Alibaba CHILD_SA; the new ones carry MODP_2048 (AWS always runs PFS).
        const rekeyed = await rekeyChildren(a, b, pairs);
        for (const child of rekeyed) {
            assert.equal(espAlgorithms(child), CLOUD_AWS_EXPECTED.espRekeyed, `rekeyed ${String(child.name)} on the AWS end`);
        }
        log(`  after a forced rekey of the 4 CHILD_SAs the AWS end shows ESP ${espAlgorithms(rekeyed[0])}`);
        // Lifetimes: the Alibaba end rekeys IKE within AWS's 28800 s maximum.
        const { sas: alibabaSas } = await a.strongswan.listSas();
        const rekeyTimes = alibabaSas.filter((e) => e.sa.state === "ESTABLISHED").map((e) => Number(e.sa["rekey-time"] ?? 0));
        assert.ok(rekeyTimes.length > 0 && rekeyTimes.every((s) => s > 0 && s <= 28800), `IKE rekey times ${rekeyTimes.join(", ")} s`);

        const pings = await pingBothWays(a, alibabaHost, b, awsHost, 4);
        log(`  ping ${formatPings(pings)}`);
        for (const p of pings) {
            assert.equal(p.received, p.sent, `ping ${p.from} → ${p.to}: ${p.received}/${p.sent}`);
        }

        // The mismatch: phase 1 aes192, which Alibaba accepts and AWS does not. The checks refuse it before anything
        // is created; sent anyway (the Alibaba end re-translated with aes192), AWS answers NO_PROPOSAL_CHOSEN.
        const refused = errorsOf(
            planAwsCloudLink(config.name, { ...config, profile: { ike: { encryption: "aes192" } }, configPath: "alicloud-vpn:cloud-aws" })
                .findings,
        );
        assert.deepEqual(
            refused.map((f) => `${f.code} ${f.field}`),
            ["cloud.outside-intersection alicloud-vpn:cloud-aws.profile.ike.encryption"],
        );
        const edited = gateway.tunnels.map((t) => ({ ...t, ike: { ...t.ike, ikeEncAlg: "aes192" } }));
        const { failure, failedMs, peerLog } = await runMismatch(a, b, edited, "Alibaba gateway with phase 1 aes192 (refused by the checks)", "aes192");
        const awsSaw = peerLog();
        assert.match(
            awsSaw,
            /received proposals: IKE:AES_CBC_192\/HMAC_SHA2_256_128\/PRF_HMAC_SHA2_256\/MODP_2048/,
            "the AWS end saw the aes192 proposal",
        );
        assert.match(awsSaw, /received proposals unacceptable/, "the AWS end refused it");
        const established = (await a.strongswan.listSas()).sas.filter((e) => e.sa.state === "ESTABLISHED");
        assert.equal(established.length, 0, "aes192: an IKE SA was established despite the mismatch");
        const dead = await a.ping(alibabaHost, awsHost, 2);
        assert.equal(dead.received, 0, "aes192: traffic passed");
        log(`  mismatch aes192: ${failure.replace(/^\S+ \S+ /, "").trim()}; refused first: ${refused[0].field}`);

        const received = pings.reduce((n, p) => n + p.received, 0);
        const sent = pings.reduce((n, p) => n + p.sent, 0);
        const summary =
            `lab cloud-aws: all 4 Alibaba↔AWS tunnels (master→A, slave→B) up in ${seconds(allUpMs)} (IKEv2 ${CLOUD_AWS_EXPECTED.ike}, ESP ${CLOUD_AWS_EXPECTED.esp}, ` +
            `PFS MODP_2048 at rekey, both ends), ping ${received}/${sent} both ways ${alibabaHost}↔${awsHost}; ` +
            `phase 1 aes192 (refused by the checks) → NO_PROPOSAL_CHOSEN in ${seconds(failedMs)}, no IKE SA`;
        return { summary, details: { allUpMs, pairs, pings, failedMs, failure, refused: refused.map((f) => f.field) } };
    },
};
