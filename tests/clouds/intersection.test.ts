// Azure and Google Cloud against Alibaba: the intersection data and the checker (each cloud end has its own tests: azure.test.ts, gcp.test.ts).
import * as assert from "node:assert/strict";
import { azureIpsecPolicy } from "../../model/clouds/azure";
import { AZURE, GCP, checkCloudIntersection, cloudDefaultProfile, commonValues } from "../../model/clouds/intersection";
import { DEFAULT_PROFILE } from "../../model/profile";

describe("Alibaba <-> Azure and Google Cloud intersections", () => {
    it("Azure: default profile with the fixed 28800 s IKE SA lifetime; sha384 allowed in phase 1 only", () => {
        const p = cloudDefaultProfile(AZURE);
        assert.deepEqual(p.ike, {
            version: "ikev2",
            mode: "main",
            encryption: "aes256",
            integrity: "sha256",
            dhGroup: "group14",
            lifetimeSeconds: 28800,
        });
        assert.deepEqual(p.ipsec, { encryption: "aes256", integrity: "sha256", pfs: "group14", lifetimeSeconds: 3600 });
        assert.deepEqual(commonValues(AZURE, "ike.integrity"), ["sha256", "sha384", "sha1", "md5"]);
        assert.deepEqual(commonValues(AZURE, "ipsec.integrity"), ["sha256", "sha1", "md5"]);
        assert.deepEqual(commonValues(AZURE, "ipsec.pfs"), ["group14", "group2", "group1", "disabled"]);
        assert.deepEqual(checkCloudIntersection(AZURE, p, "az.profile"), []);
    });

    it("Azure: refuses sha512 in phase 2, group5, and any IKE lifetime but 28800, naming the fix", () => {
        const p = cloudDefaultProfile(AZURE);
        const findings = checkCloudIntersection(
            AZURE,
            { ...p, ike: { ...p.ike, dhGroup: "group5", lifetimeSeconds: 86400 }, ipsec: { ...p.ipsec, integrity: "sha512" } },
            "az.profile",
        );
        const byField = Object.fromEntries(findings.map((f) => [f.field, f]));
        assert.deepEqual(Object.keys(byField).sort(), [
            "az.profile.ike.dhGroup",
            "az.profile.ike.lifetimeSeconds",
            "az.profile.ipsec.integrity",
        ]);
        assert.equal(
            byField["az.profile.ipsec.integrity"].allowed,
            "Alibaba Cloud: md5, sha1, sha256, sha384, sha512; Azure: md5, sha1, sha256; both: sha256, sha1, md5",
        );
        assert.equal(
            byField["az.profile.ike.dhGroup"].fix,
            "set az.profile.ike.dhGroup to group14, the strongest value both Alibaba Cloud and Azure accept.",
        );
        assert.equal(byField["az.profile.ike.lifetimeSeconds"].allowed, "Alibaba Cloud: 0-86400 s; Azure: 28800 s; both: 28800 s");
        assert.equal(byField["az.profile.ike.lifetimeSeconds"].fix, "set az.profile.ike.lifetimeSeconds to 28800.");
        const qm = checkCloudIntersection(AZURE, { ...p, ipsec: { ...p.ipsec, lifetimeSeconds: 120 } }, "az.profile");
        assert.equal(qm[0].allowed, "Alibaba Cloud: 0-86400 s; Azure: at least 300 s; both: 300-86400 s");
        assert.equal(qm[0].fix, "set az.profile.ipsec.lifetimeSeconds to 300, the shortest lifetime both Alibaba Cloud and Azure accept.");
    });

    it("Google Cloud: fixed lifetimes 36000 s and 10800 s become the default; the library's Alibaba default is refused on both", () => {
        const p = cloudDefaultProfile(GCP);
        assert.equal(p.ike.lifetimeSeconds, 36000);
        assert.equal(p.ipsec.lifetimeSeconds, 10800);
        assert.equal(p.ike.encryption, "aes256");
        assert.deepEqual(checkCloudIntersection(GCP, p, "g"), []);
        const findings = checkCloudIntersection(GCP, DEFAULT_PROFILE, "g");
        assert.deepEqual(
            findings.map((f) => `${f.field}=${f.value} -> ${f.fix}`),
            [
                "g.ike.lifetimeSeconds=86400 -> set g.ike.lifetimeSeconds to 36000.",
                "g.ipsec.lifetimeSeconds=3600 -> set g.ipsec.lifetimeSeconds to 10800.",
            ],
        );
        assert.match(findings[0].message, /^Google Cloud's phase 1 lifetime is fixed at 36000 seconds \(https:\/\/cloud\.google\.com\//);
    });

    it("Azure: the default profile as the connection's ipsecPolicies entry", () => {
        assert.deepEqual(azureIpsecPolicy(cloudDefaultProfile(AZURE)), {
            ikeEncryption: "AES256",
            ikeIntegrity: "SHA256",
            dhGroup: "DHGroup14",
            ipsecEncryption: "AES256",
            ipsecIntegrity: "SHA256",
            pfsGroup: "PFS2048",
            saLifeTimeSeconds: 3600,
            saDataSizeKilobytes: 102400000,
        });
        const p = cloudDefaultProfile(AZURE);
        assert.throws(
            () => azureIpsecPolicy({ ...p, ipsec: { ...p.ipsec, integrity: "sha512" } }),
            /ipsec\.integrity = sha512 is outside what Azure accepts/,
        );
    });
});
