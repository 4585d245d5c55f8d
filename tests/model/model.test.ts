import * as assert from "node:assert/strict";
import { contains, coveredBy, hasHostBits, netmask, overlaps, wildcardMask } from "../../model/cidr";
import { formatFinding } from "../../model/findings";
import { validateLink } from "../../model/link";
import { DEFAULT_PROFILE, profileDifferences, resolveProfile } from "../../model/profile";
import { alibabaIkeConfig, alibabaIpsecConfig } from "../../model/alibabaConnection";

describe("CIDR helpers", () => {
    it("computes overlap, containment and masks", () => {
        assert.equal(overlaps("10.16.0.0/16", "10.16.255.0/24"), true);
        assert.equal(overlaps("10.16.0.0/16", "10.17.0.0/16"), false);
        assert.equal(contains("10.16.0.0/16", "10.64.3.0/24"), false);
        assert.equal(coveredBy(["10.16.0.0/16", "10.64.0.0/10"], "10.64.3.0/24"), true);
        assert.equal(hasHostBits("10.1.2.3/16"), true);
        assert.equal(netmask("172.16.0.0/12"), "255.240.0.0");
        assert.equal(wildcardMask("192.168.10.0/23"), "0.0.1.255");
    });
});

describe("IPsec profile", () => {
    it("defaults to IKEv2, aes256, sha256, group14 with PFS, and sends every value to Alibaba", () => {
        const { profile, findings } = resolveProfile(undefined, "p");
        assert.deepEqual(findings, []);
        assert.deepEqual(alibabaIkeConfig(profile), { ikeVersion: "ikev2", ikeMode: "main", ikeEncAlg: "aes256", ikeAuthAlg: "sha256", ikePfs: "group14", ikeLifetime: 86400 });
        assert.deepEqual(alibabaIpsecConfig(profile), { ipsecEncAlg: "aes256", ipsecAuthAlg: "sha256", ipsecPfs: "group14", ipsecLifetime: 3600 });
    });

    it("refuses values Alibaba does not accept, naming field, value, allowed values and fix", () => {
        const { findings } = resolveProfile({ ike: { encryption: "aes512" as never, lifetimeSeconds: 90000 } }, "links.dc.profile", "dc");
        assert.deepEqual(findings.map(formatFinding), [
            'error [dc] links.dc.profile.ike.encryption = "aes512": Alibaba Cloud does not accept this phase 1 encryption algorithm. Allowed: aes, aes192, aes256, des, 3des. Fix: set links.dc.profile.ike.encryption to one of aes, aes192, aes256, des, 3des.',
            "error [dc] links.dc.profile.ike.lifetimeSeconds = 90000: Alibaba Cloud accepts SA lifetimes from 0 to 86400 seconds. Allowed: whole seconds from 0 to 86400. Fix: set links.dc.profile.ike.lifetimeSeconds to a whole number of seconds, at most 86400 (86400 = 24 h).",
        ]);
    });

    it("refuses md5, des and group1/group2 without an opt-in, warns with one", () => {
        const weak = { ike: { integrity: "md5", dhGroup: "group1" }, ipsec: { encryption: "des" } } as const;
        const refused = resolveProfile(weak, "p").findings;
        assert.deepEqual(refused.map((f) => [f.severity, f.field]), [
            ["error", "p.ipsec.encryption"],
            ["error", "p.ike.integrity"],
            ["error", "p.ike.dhGroup"],
        ]);
        const allowed = resolveProfile({ ...weak, weakCryptoOptIn: { reason: "the branch router is an old ER3200G2" } }, "p").findings;
        assert.deepEqual(allowed.map((f) => f.severity), ["warning", "warning", "warning"]);
        const noReason = resolveProfile({ ...weak, weakCryptoOptIn: { reason: "" } }, "p").findings;
        assert.ok(noReason.some((f) => f.code === "profile.opt-in-without-reason" && f.severity === "error"));
    });

    it("lists where two profiles differ", () => {
        const other = { ...DEFAULT_PROFILE, ipsec: { ...DEFAULT_PROFILE.ipsec, pfs: "group5" as const }, dpd: false };
        assert.deepEqual(profileDifferences(DEFAULT_PROFILE, other), ["ipsec.pfs", "dpd"]);
    });
});

describe("link validation", () => {
    const base = { name: "dc", peerPublicIp: "203.0.113.5", alibabaSubnets: ["10.16.0.0/16"], peerSubnets: ["10.200.0.0/20"] };

    it("accepts a sound link", () => {
        assert.deepEqual(validateLink(base, "links.dc").findings, []);
    });

    it("refuses IKEv1 with several subnets (Alibaba needs IKEv2, seed 002)", () => {
        const { findings } = validateLink({ ...base, peerSubnets: ["10.200.0.0/20", "10.201.0.0/20"], profile: { ike: { version: "ikev1" } } }, "links.dc");
        assert.deepEqual(findings.map((f) => [f.code, f.field]), [["link.ikev1-multiple-subnets", "links.dc.profile.ike.version"]]);
    });

    it("refuses 11 subnets, host bits, overlapping sides, reserved routes and a bad PSK", () => {
        const codes = (spec: object) => validateLink({ ...base, ...spec }, "l").findings.map((f) => f.code);
        assert.deepEqual(codes({ peerSubnets: Array.from({ length: 11 }, (_, i) => `10.${i}.0.0/16`) }), ["link.subnet-count"]);
        assert.deepEqual(codes({ peerSubnets: ["10.200.1.1/20"] }), ["link.cidr-host-bits"]);
        assert.deepEqual(codes({ peerSubnets: ["10.16.5.0/24"] }), ["link.subnets-overlap"]);
        assert.deepEqual(codes({ peerSubnets: ["100.100.0.0/16"] }), ["link.reserved-route"]);
        assert.deepEqual(codes({ psk: "has a space" }), ["link.bad-psk"]);
        assert.deepEqual(codes({ psk: "short" }), ["link.short-psk"]);
        assert.deepEqual(codes({ peerPublicIp: "not-an-ip" }), ["link.bad-peer-ip"]);
    });

    it("suggests the network address for a block with host bits", () => {
        const [finding] = validateLink({ ...base, peerSubnets: ["10.200.1.1/20"] }, "l").findings;
        assert.equal(finding.fix, "write 10.200.0.0/20 instead of 10.200.1.1/20.");
    });
});
