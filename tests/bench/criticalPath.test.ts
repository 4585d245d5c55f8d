import * as assert from "node:assert/strict";
import { criticalPath } from "../../bench/criticalPath";
import { CREATION_SECONDS, creationLock, creationLockIn } from "../../bench/creationTimes";
import { RecordedResource } from "../../emulator";
import { hubAndSpoke, syntheticHubAndSpoke } from "../../stacks/hubAndSpoke";
import { emulate } from "../helpers";

function resource(name: string, type: string, dependencies: string[] = [], extra: Partial<RecordedResource> = {}): RecordedResource {
    return { urn: name, type, name, id: name, custom: true, dependencies, inputs: {}, outputs: {}, secretInputPaths: [], additionalSecretOutputs: [], sequence: 0, ...extra };
}

describe("criticalPath: the longest chain of creation times through the dependency graph", () => {
    const durations = { gw: 100, conn: 10, route: 1 };

    it("runs independent chains in parallel and follows the serial connection chain", () => {
        const resources = [
            resource("hub", "gw"),
            resource("spoke1", "gw"),
            resource("spoke2", "gw"),
            resource("c1", "conn", ["hub", "spoke1"]),
            resource("c2", "conn", ["hub", "spoke2", "c1"]),
            resource("r2", "route", ["c2"]),
            resource("spokeConn", "conn", ["spoke1", "hub"]),
        ];
        const path = criticalPath(resources, durations);
        assert.equal(path.seconds, 121);
        assert.deepEqual(path.steps.map((s) => `${s.name}@${s.finishedAt}`), ["hub@100", "c1@110", "c2@120", "r2@121"]);
    });

    it("makes a dependent of a component wait for every child, and gives unknown types no time", () => {
        const resources = [
            resource("component", "alicloud-vpn:index:VpnHub", [], { custom: false, id: "" }),
            resource("slow", "gw", [], { parent: "component" }),
            resource("fast", "route", [], { parent: "component" }),
            resource("after", "conn", ["component"]),
            resource("free", "random:index/randomPassword:RandomPassword"),
        ];
        const path = criticalPath(resources, durations);
        assert.equal(path.seconds, 110);
        assert.deepEqual(path.steps.map((s) => s.name), ["slow", "after"]);
    });

    it("queues creations that hold the same lock, earliest ready first, and says so on the path", () => {
        const resources = [
            resource("gw", "gw"),
            resource("c1", "conn", ["gw"]),
            resource("r1", "route", ["c1"]),
            resource("c2", "conn", ["gw", "c1"]),
            resource("r2", "route", ["c2"]),
        ];
        const onGateway = (r: RecordedResource) => (r.type === "conn" || r.type === "route" ? "gateway gw" : undefined);
        const free = criticalPath(resources, durations);
        assert.equal(free.seconds, 121);
        const locked = criticalPath(resources, durations, onGateway);
        // c1 (100-110), then r1 and c2 are both ready at 110: r1 was registered first (110-111), c2 111-121, r2 121-122.
        assert.equal(locked.seconds, 122);
        assert.deepEqual(locked.steps.map((s) => `${s.name}@${s.finishedAt}${s.queuedOn ? ` queued on ${s.queuedOn}` : ""}`), [
            "gw@100",
            "c1@110",
            "r1@111",
            "c2@121 queued on gateway gw",
            "r2@122",
        ]);
    });

    it("refuses a cycle instead of looping", () => {
        assert.throws(() => criticalPath([resource("a", "gw", ["b"]), resource("b", "gw", ["a"])], durations), /dependency cycle among a, b/);
    });
});

describe("criticalPath of the hub-and-spoke as recorded on the emulator: the real queues", function () {
    const frames = Error.stackTraceLimit;
    const recorded = async (transport: "vpn-gateway" | "transit-router") => {
        Error.stackTraceLimit = 1;
        const config = syntheticHubAndSpoke(3);
        config.transport = transport;
        const emulator = await emulate(() => hubAndSpoke(config));
        Error.stackTraceLimit = frames;
        assert.deepEqual(emulator.state.rejections, []);
        return emulator.state.resources;
    };

    it("queues the hub gateway's connections and routes one after another: connection, its route, next connection", async () => {
        const resources = await recorded("vpn-gateway");
        const path = criticalPath(resources, CREATION_SECONDS, creationLockIn(resources));
        // VPC, vSwitches, gateway (170 s), customer gateway, then 3 x (connection 30 s + route 10 s) on the hub gateway.
        assert.equal(path.seconds, 323);
        assert.deepEqual(
            path.steps.slice(-6).map((s) => `${s.name}@${s.finishedAt}`),
            [
                "tokyo-to-spoke-001-connection@233",
                "tokyo-to-spoke-001-gw-route-10-1-0-0-16@243",
                "tokyo-to-spoke-002-connection@273",
                "tokyo-to-spoke-002-gw-route-10-2-0-0-16@283",
                "tokyo-to-spoke-003-connection@313",
                "tokyo-to-spoke-003-gw-route-10-3-0-0-16@323",
            ],
        );
        // The chain is in the graph itself (the components order the queue): without any lock the path is the same length but for the vSwitch queue.
        assert.equal(criticalPath(resources, CREATION_SECONDS).seconds, 313);
    });

    it("queues a transit router's attachments, associations and propagations when its changes are taken one at a time", async () => {
        const resources = await recorded("transit-router");
        const serial = criticalPath(resources, CREATION_SECONDS, creationLockIn(resources));
        const parallel = criticalPath(resources, CREATION_SECONDS, creationLock);
        assert.deepEqual([serial.seconds, parallel.seconds], [458, 170]);
        assert.ok(serial.steps.some((s) => s.queuedOn?.startsWith("transit router tr-")), JSON.stringify(serial.steps));
        assert.ok(parallel.steps.every((s) => !s.queuedOn?.startsWith("transit router")));
    });
});
