// A unit test of your own program on the emulator alicloud-vpn/testing exports: what it would create and what
// Alibaba would refuse, with no Pulumi CLI, plugin or credentials. Run it with your test runner, or as a script.
import * as assert from "node:assert/strict";
import { emulate, TYPES } from "alicloud-vpn/testing";

(async () => {
    const run = await emulate(() => require("../hypermotion/index"), { config: { "alicloud:region": "cn-hangzhou" } });
    assert.equal(run.error, undefined); // a component's refusal of bad input, one line per problem
    assert.deepEqual(run.rejections, []); // the emulated API's refusals, with Alibaba's error codes
    assert.equal(run.ofType(TYPES.connection).length, 1);
    console.log(`ok: ${run.cloudResources.length} cloud resources, ${run.ofType(TYPES.vpcRoute).length} VPC routes`);
})();
