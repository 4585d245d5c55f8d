// The lab's AWS-side translator, without namespaces or daemons.
import * as assert from "node:assert/strict";
import { AWS_TYPES, EmulatorState, RecordedResource } from "../../emulator";
import { awsEspProposals, awsIkeProposals, awsTunnels, renderAwsSwanctl } from "../../lab/awsSide";

function resource(
    type: string,
    name: string,
    id: string,
    inputs: Record<string, any>,
    outputs: Record<string, any> = {},
): RecordedResource {
    return {
        urn: `urn:${name}`,
        type,
        name,
        id,
        custom: true,
        region: "ap-southeast-1",
        dependencies: [],
        inputs,
        outputs: { ...inputs, ...outputs },
        secretInputPaths: [],
        additionalSecretOutputs: [],
        sequence: 0,
    };
}

function state(tunnelInputs: Record<string, any>): { state: EmulatorState; connection: RecordedResource } {
    const s = new EmulatorState();
    s.add(resource(AWS_TYPES.customerGateway, "cgw", "cgw-0aaaaaaaaaaaaaaaa", { ipAddress: "198.51.100.1", type: "ipsec.1" }));
    const connection = resource(
        AWS_TYPES.vpnConnection,
        "vpn-a",
        "vpn-0bbbbbbbbbbbbbbbb",
        { customerGatewayId: "cgw-0aaaaaaaaaaaaaaaa", type: "ipsec.1", ...tunnelInputs },
        {
            tunnel1Address: "203.0.113.129",
            tunnel2Address: "203.0.113.130",
            tunnel1PresharedKey: "k1k1k1k1k1",
            tunnel2PresharedKey: "k2k2k2k2k2",
        },
    );
    s.add(connection);
    return { state: s, connection };
}

describe("lab AWS side: translation of recorded VPN connections", () => {
    it("takes AWS's defaults for unset tunnel options (every algorithm, both IKE versions, GCM in its own proposal)", () => {
        const { state: s, connection } = state({});
        const [t1] = awsTunnels(s, connection);
        assert.equal(
            awsIkeProposals(t1),
            "aes128-aes256-sha1-sha256-sha384-sha512-modp1024-modp2048-modp3072-modp4096-modp6144-modp8192-ecp256-ecp384-ecp521-modp1024s160-modp2048s224-modp2048s256,aes128gcm16-aes256gcm16-prfsha1-prfsha256-prfsha384-prfsha512-modp1024-modp2048-modp3072-modp4096-modp6144-modp8192-ecp256-ecp384-ecp521-modp1024s160-modp2048s224-modp2048s256",
        );
        assert.match(awsEspProposals(t1), /^aes128-aes256-sha1-sha256-sha384-sha512-modp1024-modp1536-modp2048-/);
        const conf = renderAwsSwanctl([t1]);
        assert.match(conf, /^        version = 0$/m);
        assert.match(conf, /^        rekey_time = 28530s$/m);
        assert.match(conf, /^                life_time = 3600s$/m);
        assert.match(conf, /^                start_action = none$/m);
        assert.match(conf, /^                local_ts = 0\.0\.0\.0\/0$/m);
    });

    it("uses exactly the recorded options, per tunnel, with its own address, key and the customer gateway as peer", () => {
        const { state: s, connection } = state({
            tunnel2IkeVersions: ["ikev2"],
            tunnel2Phase1EncryptionAlgorithms: ["AES256"],
            tunnel2Phase1IntegrityAlgorithms: ["SHA2-256"],
            tunnel2Phase1DhGroupNumbers: [14],
            tunnel2Phase1LifetimeSeconds: 28800,
            tunnel2Phase2EncryptionAlgorithms: ["AES256"],
            tunnel2Phase2IntegrityAlgorithms: ["SHA2-256"],
            tunnel2Phase2DhGroupNumbers: [14],
            tunnel2Phase2LifetimeSeconds: 3600,
            tunnel2StartupAction: "add",
            tunnel2DpdTimeoutAction: "restart",
        });
        const [, t2] = awsTunnels(s, connection);
        assert.equal(awsIkeProposals(t2), "aes256-sha256-modp2048");
        assert.equal(awsEspProposals(t2), "aes256-sha256-modp2048");
        const conf = renderAwsSwanctl([t2]);
        for (const line of [
            "version = 2",
            "local_addrs = 203.0.113.130",
            "remote_addrs = 198.51.100.1",
            "id = 203.0.113.130",
            "id = 198.51.100.1",
            'secret = "k2k2k2k2k2"',
            "dpd_action = restart",
        ]) {
            assert.ok(conf.includes(line), `missing ${line}`);
        }
    });
});
