// alicloud-vpn/testing: run a Pulumi program on the Alibaba Cloud emulator in your own unit tests, without the
// Pulumi CLI, plugins or credentials. It records what the program would create (ids, inputs, outputs, parents,
// dependencies, secret inputs) and Alibaba's refusals, each with its error code.
//
//     import { emulate, TYPES } from "alicloud-vpn/testing";
//     const run = await emulate(() => require("./index"), { config: { "alicloud:region": "cn-hangzhou" } });
//     assert.equal(run.ofType(TYPES.connection).length, 1);
//     assert.deepEqual(run.rejections, []);
import { AlibabaCloudEmulator, EmulatorOptions, RecordedResource, Rejection } from "./emulator";
import { TopologyError } from "./model/findings";

export { AlibabaCloudEmulator, EmulatorOptions, RecordedResource, Rejection, TYPES } from "./emulator";
export { TopologyError } from "./model/findings";

export interface EmulatedRun<T> {
    /** What the program returned (its stack outputs, for a program that returns them). */
    result?: T;
    /** The refusal a component raised before registering anything (bad input), if any: one line per problem. */
    error?: TopologyError;
    /** Every resource registered, in order: components, cloud resources, providers. */
    resources: RecordedResource[];
    /** The cloud resources only (no components, no stack, no providers): what `pulumi up` would create. */
    cloudResources: RecordedResource[];
    /** What the emulated Alibaba Cloud API refused, with its error code and message. */
    rejections: Rejection[];
    /** The recorded resources of one type token, e.g. TYPES.connection. */
    ofType(type: string): RecordedResource[];
    emulator: AlibabaCloudEmulator;
}

/**
 * Runs `program` (a function that declares resources, e.g. `() => require("./index")` for a program module) as
 * `pulumi up` would against the emulator and returns what it registered. A TopologyError the program throws
 * (a component refusing bad input) is returned in `error`, not thrown; any other error is thrown.
 *
 * Call it once per test: it points this process's Pulumi runtime at a fresh emulator.
 */
export async function emulate<T>(program: () => T | Promise<T>, options: EmulatorOptions = {}): Promise<EmulatedRun<T>> {
    const emulator = new AlibabaCloudEmulator().install({ project: "test", stack: "test", ...options });
    let error: TopologyError | undefined;
    const result = await emulator.run(async () => {
        try {
            return await program();
        } catch (err) {
            if (err instanceof TopologyError) {
                error = err;
                return undefined;
            }
            throw err;
        }
    });
    return {
        result,
        error,
        resources: emulator.state.resources,
        cloudResources: emulator.state.cloudResources(),
        rejections: emulator.state.rejections,
        ofType: (type) => emulator.ofType(type),
        emulator,
    };
}
