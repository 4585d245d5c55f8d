import * as pulumi from "@pulumi/pulumi";
import { AlibabaCloudEmulator, EmulatorOptions } from "../emulator";

/** Runs `program` on a fresh emulator and returns it with everything recorded. */
export async function emulate(program: () => unknown, options: EmulatorOptions = {}): Promise<AlibabaCloudEmulator> {
    const emulator = new AlibabaCloudEmulator().install({ project: "alicloud-vpn", stack: "test", ...options });
    await emulator.run(program);
    return emulator;
}

/** The value of an Output, for assertions. */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((v) => resolve(v)));
}
