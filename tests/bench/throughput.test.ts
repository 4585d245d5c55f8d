// The pure parts of the throughput bench (bench/throughput.ts): iperf3 JSON, the seed's client data
// channel, the negotiated cipher from an OpenVPN log, the ratios. The section itself needs root and
// namespaces: `BENCH_SKIP=plan,path npm run bench`.
import * as assert from "node:assert/strict";
import { ThroughputRow, dataChannelFromLog, parseIperf3, pairedRatio, parseOpensslSpeed, ratios, seedLegacyClientConfig, serialRate } from "../../bench/throughput";

// Shapes as iperf 3.12 prints them with -J (trimmed to the fields read).
const OK = JSON.stringify({
    start: { version: "iperf 3.12", test_start: { protocol: "TCP", num_streams: 2, duration: 5 } },
    intervals: [],
    end: {
        sum_sent: { start: 0, end: 5.00007, seconds: 5.00007, bytes: 312475648, bits_per_second: 499957039.2, retransmits: 1234, sender: true },
        sum_received: { start: 0, end: 5.01, seconds: 5.01, bytes: 309000000, bits_per_second: 493413173.6, sender: true },
    },
});
const REFUSED = '{\n\t"start":\t{\n\t\t"connected":\t[]\n\t},\n\t"intervals":\t[],\n\t"end":\t{\n\t},\n\t"error":\t"unable to connect to server: Connection refused"\n}\n';

describe("throughput bench: pure parts", () => {
    it("reads Mbit/s (receiver side), retransmits, length and streams from iperf3 -J", () => {
        assert.deepEqual(parseIperf3(OK), { receivedMbps: 493.4, sentMbps: 500, retransmits: 1234, seconds: 5.01, streams: 2 });
    });

    it("throws with iperf3's own message, and on output that is not JSON", () => {
        assert.throws(() => parseIperf3(REFUSED), /iperf3: unable to connect to server: Connection refused/);
        assert.throws(() => parseIperf3("iperf3: error - unable to connect"), /iperf3 printed no JSON: iperf3: error/);
        assert.throws(() => parseIperf3(JSON.stringify({ end: { sum: { bits_per_second: 1 } } })), /no end\.sum_sent/);
    });

    const rendered = [
        "client",
        "dev tun",
        "tls-version-min 1.2",
        "# Legacy compatibility (old clients): seed 003's cipher and comp-lzo.",
        "data-ciphers AES-256-GCM:AES-128-GCM:CHACHA20-POLY1305:AES-256-CBC",
        "data-ciphers-fallback AES-256-CBC",
        "comp-lzo no",
        "allow-compression asym",
        "verb 3",
        "<ca>",
        "</ca>",
        "",
    ].join("\n");

    it("puts seed 003's client data channel (CBC only, comp-lzo) where the rendered one was", () => {
        const seed = seedLegacyClientConfig(rendered);
        assert.equal(
            seed,
            [
                "client",
                "dev tun",
                "tls-version-min 1.2",
                "# Seed 003's client data channel (bench): CBC + HMAC and LZO framing.",
                "cipher AES-256-CBC",
                "data-ciphers AES-256-CBC",
                "comp-lzo",
                "allow-compression yes",
                "verb 3",
                "<ca>",
                "</ca>",
                "",
            ].join("\n"),
        );
        assert.match(seedLegacyClientConfig(rendered, "no"), /^comp-lzo no\nallow-compression asym$/m);
        // The modern rendering (one data-ciphers line) gets the same treatment.
        assert.match(seedLegacyClientConfig("client\ndata-ciphers AES-256-GCM\nverb 3\n"), /^client\n# Seed 003.*\ncipher AES-256-CBC\ndata-ciphers AES-256-CBC\ncomp-lzo\nallow-compression yes\nverb 3\n$/);
        assert.throws(() => seedLegacyClientConfig("client\nverb 3\n"), /no data-channel options/);
    });

    it("reads the negotiated data channel from an OpenVPN 2.6 client log", () => {
        assert.equal(dataChannelFromLog("x\n2026-01-01 10:00:00 Data Channel: cipher 'AES-256-GCM', peer-id: 0\n"), "AES-256-GCM");
        assert.equal(
            dataChannelFromLog("2026-01-01 10:00:00 Data Channel: cipher 'AES-256-CBC', auth 'SHA1', peer-id: 0, compression: 'lzo'"),
            "AES-256-CBC/SHA1, lzo framing",
        );
        assert.equal(dataChannelFromLog("Initialization Sequence Completed"), undefined);
    });

    it("puts every row against raw veth and the mesh against the legacy config", () => {
        const rows: ThroughputRow[] = [
            { case: "raw veth", what: "", mbps: 10000 },
            { case: "OpenVPN mesh", what: "", mbps: 500 },
            { case: "OpenVPN legacy", what: "", mbps: 200 },
            { case: "IPsec HyperMotion", what: "", error: "not up" },
        ];
        assert.deepEqual(ratios(rows), { modernVsLegacy: 2.5 });
        assert.deepEqual(
            rows.map((r) => r.vsRaw),
            [1, 0.05, 0.02, undefined],
        );
        assert.deepEqual(ratios([{ case: "OpenVPN mesh", what: "", mbps: 500 }]), { modernVsLegacy: undefined });
    });

    it("pairs the rounds: the median of per-round quotients, not the quotient of medians", () => {
        const run = (receivedMbps: number) => ({ receivedMbps, sentMbps: receivedMbps, retransmits: 0, seconds: 5, streams: 2 });
        const rows: ThroughputRow[] = [
            { case: "raw veth", what: "", mbps: 10000, runs: [10000, 5000, 10000].map(run) },
            { case: "OpenVPN mesh", what: "", mbps: 400, runs: [500, 150, 400].map(run) },
            { case: "OpenVPN legacy", what: "", mbps: 250, runs: [250, 100, 400].map(run) },
        ];
        // Per round 2, 1.5, 1 -> 1.5 (the medians would say 400 / 250 = 1.6).
        assert.deepEqual(ratios(rows), { modernVsLegacy: 1.5 });
        // The burst of round 2 halved raw veth too: mesh 0.05, 0.03, 0.04 -> 0.04.
        assert.deepEqual(rows.map((r) => r.vsRaw), [1, 0.04, 0.025]);
        // Rows with different round counts fall back to the medians.
        assert.equal(pairedRatio([300, 100, 200], [100, 50]), 2);
        assert.equal(pairedRatio([], [1]), undefined);
        assert.equal(pairedRatio([1], [0]), undefined);
    });

    it("reads openssl speed's rate for one algorithm as Mbit/s, and combines encrypt-then-MAC", () => {
        const out = [
            "version: 3.0.19",
            "The 'numbers' are in 1000s of bytes per second processed.",
            "type           1400 bytes",
            "AES-256-GCM    1238353.74k",
            "hmac(sha1)     1260142.83k",
            "",
        ].join("\n");
        assert.equal(parseOpensslSpeed(out, "AES-256-GCM"), 9907);
        assert.equal(parseOpensslSpeed(out, "hmac(sha1)"), 10081);
        assert.equal(parseOpensslSpeed(out, "AES-256-CBC"), undefined);
        assert.equal(serialRate(6388, 10081), 3910);
    });
});
