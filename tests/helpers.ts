import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { AlibabaCloudEmulator, EmulatorOptions } from "../emulator";
import { TopologyError } from "../model/findings";

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

/** What one run of the reconfiguration script did in a scratch root. */
export interface ReconfigureRun {
    status: number;
    stdout: string;
    stderr: string;
    /** The systemctl calls, one line each (a stub that records them; `is-active` is true once restarted). */
    systemctl: string[];
}

/**
 * Runs a reconfiguration script (renderReconfigureScript) with POSIX sh against `root` instead of /,
 * with a systemctl stub first on PATH: nothing outside `root` is touched.
 */
export function runReconfigure(script: string, root: string): ReconfigureRun {
    const bin = path.join(root, ".stub-bin");
    fs.mkdirSync(bin, { recursive: true });
    const log = path.join(root, ".systemctl.log");
    fs.writeFileSync(
        path.join(bin, "systemctl"),
        ["#!/bin/sh", `echo "$*" >> '${log}'`, `case "$1" in`, `    restart) touch '${root}/.active' ;;`, `    is-active) [ -e '${root}/.active' ] ;;`, "esac", ""].join("\n"),
        { mode: 0o755 },
    );
    const before = fs.existsSync(log) ? fs.readFileSync(log, "utf8").split("\n").filter(Boolean).length : 0;
    const file = path.join(root, ".reconfigure.sh");
    fs.writeFileSync(file, script, { mode: 0o700 });
    const result = spawnSync("sh", [file], { encoding: "utf8", env: { ...process.env, OPENVPN_MESH_ROOT: root, PATH: `${bin}:${process.env.PATH}` } });
    const calls = fs.existsSync(log) ? fs.readFileSync(log, "utf8").split("\n").filter(Boolean) : [];
    return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, systemctl: calls.slice(before) };
}

/** A scratch root with the two key files the first boot leaves (dummy contents). */
export function scratchServerRoot(meshName: string): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "reconfigure-"));
    const dir = path.join(root, "etc/openvpn/server", meshName);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "server.key"), "not a key\n");
    fs.writeFileSync(path.join(dir, "tls-crypt.key"), "not a key\n");
    return root;
}

/**
 * Runs `program` on a fresh emulator expecting it to throw a TopologyError (bad input refused before any
 * resource); returns the error and the emulator, to assert on the message and on what was registered.
 */
export async function refusal(program: () => unknown, options: EmulatorOptions = {}): Promise<{ error: TopologyError; emulator: AlibabaCloudEmulator }> {
    let error: unknown;
    const emulator = await emulate(() => {
        try {
            program();
        } catch (err) {
            error = err;
        }
    }, options);
    assert.ok(error instanceof TopologyError, `expected a TopologyError, got ${error}`);
    return { error, emulator };
}
