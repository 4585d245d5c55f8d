import * as assert from "node:assert/strict";
import { checkPeerProposals, parseSwanctlConnections } from "../../checks/peerProposals";
import { alibabaIkeConfig, alibabaIpsecConfig } from "../../model/alibabaConnection";
import { formatFinding } from "../../model/findings";
import { renderStrongswan } from "../../renderers/strongswan";
import { hypermotionLink, spokeLink } from "../fixtures/links";

const PATH = "links.office.profile";
const check = (link: typeof hypermotionLink, conf: string) =>
    checkPeerProposals(alibabaIkeConfig(link.profile), alibabaIpsecConfig(link.profile), link.profile.dpd, conf, { path: PATH, site: link.name });
const errors = (findings: ReturnType<typeof check>) => [...new Set(findings.filter((f) => f.severity === "error").map((f) => f.field))];

describe("check: a peer swanctl.conf against the Alibaba connection's parameters", () => {
    it("accepts the library's own renderings", () => {
        assert.deepEqual(check(hypermotionLink, renderStrongswan(hypermotionLink)), []);
        assert.deepEqual(check(spokeLink, renderStrongswan(spokeLink)), []);
    });

    it("parses connections, proposals and children of a swanctl.conf", () => {
        const [master, slave] = parseSwanctlConnections(renderStrongswan(hypermotionLink));
        assert.deepEqual([master.name, master.version, master.aggressive, master.proposals, master.dpdDelay], ["office-master", 1, false, ["aes256-sha1-modp1024"], "10s"]);
        assert.deepEqual([master.rekeyTime, master.overTime], ["77760s", "8640s"]);
        assert.deepEqual(slave.children, [{ name: "office-slave", espProposals: ["aes256-sha1-modp1024"], rekeyTime: "3240s", lifeTime: "3600s" }]);
    });

    it("refuses a different PFS group, naming the profile field and the fix", () => {
        const edited = renderStrongswan(hypermotionLink).replace(/esp_proposals = aes256-sha1-modp1024/g, "esp_proposals = aes256-sha1-modp2048");
        const findings = check(hypermotionLink, edited);
        assert.deepEqual(errors(findings), [`${PATH}.ipsec.pfs`]);
        assert.match(
            formatFinding(findings[0]),
            /^error \[office\] links\.office\.profile\.ipsec\.pfs = "modp2048 \(peer proposal aes256-sha1-modp2048\)": the peer's swanctl\.conf connection office-master cannot negotiate with the Alibaba connection \(ESP aes256-sha1-modp1024\); .*NO_PROPOSAL_CHOSEN.* Fix: .*re-render the peer config/,
        );
    });

    it("refuses a different IKE encryption, integrity, version or mode", () => {
        const rendered = renderStrongswan(hypermotionLink);
        assert.deepEqual(errors(check(hypermotionLink, rendered.replace(/proposals = aes256-sha1-modp1024/, "proposals = aes128-sha1-modp1024"))), [`${PATH}.ike.encryption`]);
        assert.deepEqual(errors(check(hypermotionLink, rendered.replace(/ proposals = aes256-sha1-modp1024/, " proposals = aes256-sha256-modp1024"))), [`${PATH}.ike.integrity`]);
        assert.deepEqual(errors(check(hypermotionLink, rendered.replace(/version = 1/g, "version = 2"))), [`${PATH}.ike.version`]);
        assert.deepEqual(errors(check(hypermotionLink, rendered.replace(/aggressive = no/g, "aggressive = yes"))), [`${PATH}.ike.mode`]);
    });

    it("refuses PFS on one end only, and accepts a list in which one proposal matches", () => {
        const noPfs = { ...hypermotionLink, profile: { ...hypermotionLink.profile, ipsec: { ...hypermotionLink.profile.ipsec, pfs: "disabled" as const } } };
        assert.deepEqual(errors(check(noPfs, renderStrongswan(hypermotionLink))), [`${PATH}.ipsec.pfs`]);
        assert.deepEqual(check(noPfs, renderStrongswan(noPfs)), []);
        const listed = renderStrongswan(hypermotionLink).replace(/esp_proposals = aes256-sha1-modp1024/g, "esp_proposals = aes128-sha256-modp2048,aes256-sha1-modp1024");
        assert.deepEqual(errors(check(hypermotionLink, listed)), []);
    });

    it("warns about a config that sets only rekey_time: strongSwan then proposes 10 % more (docs/notes.md)", () => {
        const old = renderStrongswan(hypermotionLink).replace(/^\s+over_time = .*\n/gm, "").replace(/^\s+life_time = .*\n/gm, "").replace(/rekey_time = 3240s/g, "rekey_time = 3600s").replace(/rekey_time = 77760s/g, "rekey_time = 86400s");
        const findings = check(hypermotionLink, old);
        assert.deepEqual([...new Set(findings.map((f) => `${f.field} ${f.value}`))], [`${PATH}.ipsec.lifetimeSeconds 3960s`, `${PATH}.ike.lifetimeSeconds 95040s`]);
    });

    it("warns about lifetimes and DPD, which negotiate but behave differently", () => {
        const edited = renderStrongswan(hypermotionLink).replace(/life_time = 3600s/g, "life_time = 28800s").replace(/\s+dpd_delay = 10s/g, "");
        const findings = check(hypermotionLink, edited);
        assert.deepEqual(errors(findings), []);
        assert.deepEqual([...new Set(findings.map((f) => `${f.severity} ${f.field}`))], [`warning ${PATH}.ipsec.lifetimeSeconds`, `warning ${PATH}.dpd`]);
    });
});
