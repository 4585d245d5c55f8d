// The lab's Google Cloud translator, without namespaces or daemons: recorded HA VPN tunnels -> swanctl.conf and the
// Cloud Router's FRR config.
import * as assert from "node:assert/strict";
import { CloudLink } from "../../components/cloudLink";
import { EmulatorState, GCP_TYPES } from "../../emulator";
import { gcpEspProposals, gcpFrrConf, gcpIkeProposals, gcpTunnels, renderGcpSwanctl } from "../../lab/gcpSide";
import { emulate } from "../helpers";

async function recorded(): Promise<EmulatorState> {
    const emulator = await emulate(
        () =>
            new CloudLink("hk-gcp", {
                alibaba: {
                    region: "cn-hongkong",
                    vpcCidr: "172.24.0.0/16",
                    vswitches: [
                        { zoneId: "cn-hongkong-b", cidr: "172.24.1.0/24" },
                        { zoneId: "cn-hongkong-c", cidr: "172.24.2.0/24" },
                    ],
                    bandwidth: 10,
                },
                gcp: { region: "asia-east2", network: "vpc-hk", vpcCidrs: ["10.70.0.0/20"] },
                psks: ["KeyForTheMasterTunnel0123456789", "KeyForTheSlaveTunnel0123456789a"],
            }),
    );
    return emulator.state;
}

describe("lab: Google Cloud side translation", () => {
    it("reads each tunnel's interface, peer address, suite, key and Cloud Router session from the recorded resources", async () => {
        const state = await recorded();
        const [ext] = state.ofType(GCP_TYPES.externalVpnGateway);
        const [t0, t1] = gcpTunnels(state);
        assert.deepEqual([t0.interface, t0.localIp, t0.peerInterface, t0.peerIp], [0, "203.0.113.65", 0, ext.inputs.interfaces[0].ipAddress]);
        assert.deepEqual([t1.interface, t1.localIp, t1.peerInterface, t1.peerIp], [1, "203.0.113.66", 1, ext.inputs.interfaces[1].ipAddress]);
        assert.equal(t0.psk, "KeyForTheMasterTunnel0123456789");
        assert.equal(t1.psk, "KeyForTheSlaveTunnel0123456789a");
        assert.deepEqual([t0.phase1Lifetime, t0.phase2Lifetime, t0.ikeVersion], [36000, 10800, 2]);
        assert.equal(gcpIkeProposals(t0), "aes256-sha256-prfsha256-modp2048");
        assert.equal(gcpEspProposals(t0), "aes256-sha256-modp2048");
        assert.deepEqual(t0.bgp, { asn: 65010, localIp: "169.254.40.1", prefixLength: 30, peerIp: "169.254.40.2", peerAsn: 45104, priority: 100, announces: ["10.70.0.0/20"] });
        assert.equal(t1.bgp?.priority, 200);

        const conf = renderGcpSwanctl([t0, t1]);
        assert.match(conf, /local_addrs = 203\.0\.113\.65\n {8}remote_addrs = 198\.51\.100\.1\n {8}proposals = aes256-sha256-prfsha256-modp2048/);
        assert.match(conf, /local_ts = 0\.0\.0\.0\/0\n {16}remote_ts = 0\.0\.0\.0\/0\n {16}esp_proposals = aes256-sha256-modp2048\n {16}life_time = 10800s/);
        assert.equal((conf.match(/start_action = none/g) ?? []).length, 2);
        assert.match(conf, /secret = "KeyForTheSlaveTunnel0123456789a"/);

        const frr = gcpFrrConf([t0, t1]);
        assert.match(frr, /router bgp 65010\n/);
        assert.match(frr, / neighbor 169\.254\.40\.2 remote-as 45104\n/);
        assert.match(frr, /route-map GCP-OUT-1 permit 10\n match ip address prefix-list GCP-ANNOUNCE\n set metric 200/);
        assert.match(frr, / {2}network 10\.70\.0\.0\/20\n/);
    });

    it("without a cipherSuite, proposes GCP's whole IKEv2 table (PFS required)", async () => {
        const state = await recorded();
        const tunnel = state.ofType(GCP_TYPES.vpnTunnel)[0];
        delete tunnel.inputs.cipherSuite;
        const [t0] = gcpTunnels(state);
        assert.equal(
            gcpIkeProposals(t0),
            "aes128-aes192-aes256-3des-aesxcbc-aescmac-sha1-md5-sha256-sha384-sha512-prfaesxcbc-prfaescmac-prfsha1-prfmd5-prfsha256-prfsha384-prfsha512-" +
                "modp2048-modp2048s224-modp2048s256-modp1536-modp3072-modp4096-modp8192-modp1024-modp1024s160-ecp256-ecp384-ecp521-curve25519",
        );
        assert.match(gcpEspProposals(t0), /^aes128-aes256-aes192-sha256-sha512-sha1-modp2048-/);
        assert.doesNotMatch(gcpIkeProposals(t0), /modp768/);
    });

    it("refuses a recorded value Cloud VPN does not accept", async () => {
        const state = await recorded();
        state.ofType(GCP_TYPES.vpnTunnel)[0].inputs.cipherSuite.phase1.dhs = ["Group-1"];
        const [t0] = gcpTunnels(state);
        assert.throws(() => gcpIkeProposals(t0), /hk-gcp-tunnel-0: phase 1 DH group Group-1 is not a value Cloud VPN accepts/);
    });
});
