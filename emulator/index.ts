// The Alibaba Cloud emulator: Pulumi's runtime mocks with Alibaba's ids, outputs and rejections, and a
// recorded resource graph (parents, dependencies, secret inputs, regions). Used by the tests and by the
// offline plan. Nothing in components/ knows about it.
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { awsEmulator } from "./aws";
import { azureEmulator } from "./azure";
import { gcpEmulator } from "./gcp";
import { PeerCloudEmulator } from "./peerClouds";
import { GET_IMAGES, getImages } from "./ecs";
import { DocumentationAddressPool, requestId } from "./ids";
import { createOutputs } from "./outputs";
import { TYPES, validateCreate } from "./rules";
import { AlibabaApiError, EmulatorState, RecordedResource } from "./state";
import { vpnGatewayZones } from "./zones";

export { AlibabaApiError, EmulatorState, EmulatorWarning, RecordedResource, Rejection } from "./state";
export { VPN_GATEWAY_ZONES, isDualTunnelOnlyRegion, vpnGatewayZones } from "./zones";
export { TYPES, isDualTunnelGateway } from "./rules";
export { AWS_TYPES, AwsApiError } from "./aws";
export { AZURE_TYPES, AzureApiError } from "./azure";
export { GCP_TYPES, GcpApiError } from "./gcp";

/** The other clouds a cloud link reaches, each restated by its own module. */
export const PEER_CLOUD_EMULATORS: readonly PeerCloudEmulator[] = [awsEmulator, azureEmulator, gcpEmulator];

function peerCloudOf(type: string): PeerCloudEmulator | undefined {
    return PEER_CLOUD_EMULATORS.find((c) => c.isType(type));
}

// Internal runtime entry points that mocks need: the store flags setMocks() sets, and the RPC queue drain.
const runtimeState = require("@pulumi/pulumi/runtime/state") as { getStore(): Record<string, any> };
const runtimeSettings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };
const rpc = require("@pulumi/pulumi/runtime/rpc") as { specialSigKey: string; specialSecretSig: string };

export interface EmulatorOptions {
    project?: string;
    stack?: string;
    /** Run as `pulumi preview` (true) or `pulumi up` (false, the default: every output is known). */
    preview?: boolean;
    /** Stack config as Pulumi passes it: "project:key" or "alicloud:region" -> string (JSON for objects). */
    config?: Record<string, string>;
}

/** Paths of values wrapped as Pulumi secrets in a serialized property struct. */
function secretPaths(value: unknown, path = ""): string[] {
    if (Array.isArray(value)) {
        return value.flatMap((item, i) => secretPaths(item, `${path}[${i}]`));
    }
    if (value && typeof value === "object") {
        const record = value as Record<string, unknown>;
        if (record[rpc.specialSigKey] === rpc.specialSecretSig) {
            return [path];
        }
        return Object.entries(record).flatMap(([k, v]) => secretPaths(v, path ? `${path}.${k}` : k));
    }
    return [];
}

/** The mock runtime hands nested secrets over still wrapped; the provider would see plain values. */
function unwrapSecrets(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(unwrapSecrets);
    }
    if (value && typeof value === "object") {
        const record = value as Record<string, unknown>;
        if (record[rpc.specialSigKey] === rpc.specialSecretSig) {
            return unwrapSecrets(record.value);
        }
        return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, unwrapSecrets(v)]));
    }
    return value;
}

/** Replaces URN-qualified provider references ("urn::id") by the provider's URN. */
function providerUrn(reference: string): string {
    return reference.split("::").slice(0, -1).join("::");
}

// One runtime per process (setMockOptions is global), so one handler serves the emulator that ran last.
let current: AlibabaCloudEmulator | undefined;
let handlerInstalled = false;

class EmulatorMonitor extends MockMonitor {
    constructor(private readonly emulator: AlibabaCloudEmulator) {
        super({
            newResource: () => {
                throw new Error("unreachable: EmulatorMonitor.registerResource handles every registration");
            },
            call: (args) => emulator.invoke(args.token, args.inputs),
        });
    }

    // Overridden to see what the public Mocks interface hides: parent, dependencies, provider, secrets.
    async registerResource(req: any, callback: (err: any, response: any) => void): Promise<void> {
        const raw = req.getObject()?.toJavaScript() ?? {};
        const recorded = {
            parent: req.getParent() || undefined,
            dependencies: [...req.getDependenciesList()] as string[],
            provider: req.getProvider() || undefined,
            secretInputPaths: secretPaths(raw),
            additionalSecretOutputs: [...(req.getAdditionalsecretoutputsList?.() ?? [])] as string[],
            custom: req.getCustom() as boolean,
        };
        // MockMonitor.registerResource calls this.mocks.newResource synchronously, before its first await,
        // so swapping in a per-request closure here cannot race with other registrations.
        (this as any).mocks = {
            newResource: (args: pulumi.runtime.MockResourceArgs) => this.emulator.create(args, recorded),
            call: (args: pulumi.runtime.MockCallArgs) => this.emulator.invoke(args.token, args.inputs),
        };
        return super.registerResource(req, callback);
    }
}

export class AlibabaCloudEmulator {
    readonly state = new EmulatorState();
    /** Errors of the program itself (not emulated refusals) that surfaced as unhandled promise rejections. */
    readonly programErrors: Error[] = [];
    private readonly addresses = new DocumentationAddressPool();
    private readonly providerRegions = new Map<string, string>();
    private defaultRegion = "cn-hangzhou";
    private project = "alicloud-vpn";
    private stack = "dev";

    /** Points the Pulumi runtime of this process at the emulator. Call before importing a program. */
    install(options: EmulatorOptions = {}): this {
        this.project = options.project ?? this.project;
        this.stack = options.stack ?? this.stack;
        const config = options.config ?? {};
        this.defaultRegion = config["alicloud:region"] ?? process.env.ALICLOUD_REGION ?? this.defaultRegion;
        pulumi.runtime.setMockOptions(new EmulatorMonitor(this), this.project, this.stack, options.preview ?? false);
        // The same feature flags pulumi.runtime.setMocks() turns on.
        const store = runtimeState.getStore();
        Object.assign(store, {
            supportsSecrets: true,
            supportsResourceReferences: true,
            supportsOutputValues: false,
            supportsDeletedWith: true,
            supportsAliasSpecs: true,
            supportsTransforms: false,
        });
        pulumi.runtime.setAllConfig(config, []);
        return this;
    }

    /** Runs `program` as a stack (like `pulumi up`), waits for every registration, returns its outputs. */
    async run<T>(program: () => T | Promise<T>): Promise<T> {
        let result: T | undefined;
        this.catchRefusalCascades();
        await pulumi.runtime.runInPulumiStack(async () => {
            result = await program();
            return undefined;
        });
        await this.settle();
        return result as T;
    }

    /**
     * True when `reason` is (or wraps) an emulated refusal: the refused registration itself, or a resource whose
     * inputs used the refused resource's outputs ("error serializing property ...: failed to register new resource").
     */
    causedByRefusal(reason: unknown): boolean {
        const text = reason instanceof Error ? reason.message : String(reason);
        return this.state.rejections.some((r) => text.includes(`${r.code}: ${r.message}`));
    }

    /**
     * After a refusal the runtime leaves promises that nobody awaits (`pulumi up` stops there and reports the
     * refusal once): without a handler Node ends the process with a stack trace. The refusal is already recorded
     * in state.rejections, so its consequences are dropped here; anything else is recorded in programErrors.
     */
    private catchRefusalCascades(): void {
        current = this;
        if (!handlerInstalled) {
            handlerInstalled = true;
            process.on("unhandledRejection", (reason: unknown) => {
                if (current && !current.causedByRefusal(reason)) {
                    current.programErrors.push(reason instanceof Error ? reason : new Error(String(reason)));
                }
            });
        }
    }

    /**
     * Waits until the runtime has no registration or output resolution in flight. After a rejection,
     * resources that depend on the refused one never register (as in `pulumi up`, which stops there), so
     * the wait ends once nothing has moved for a short while instead of hanging.
     */
    async settle(): Promise<void> {
        // A refusal also rejects the runtime's queue of pending registrations; that is the end of the run.
        const drained = runtimeSettings.waitForRPCs().then(
            () => true,
            (err) => {
                if (this.causedByRefusal(err)) {
                    return true;
                }
                throw err;
            },
        );
        let progress = -1;
        for (;;) {
            const done = await Promise.race([drained, new Promise<false>((r) => setTimeout(() => r(false), 100))]);
            if (done) {
                return;
            }
            const now = this.state.resources.length + this.state.rejections.length;
            if (this.state.rejections.length > 0 && now === progress) {
                return;
            }
            progress = now;
        }
    }

    /** Mock of provider functions (data sources). */
    invoke(token: string, inputs: Record<string, any>): Record<string, any> {
        // The VPN zones of the region from the table in zones.ts (for getZones a lower bound: zones that sell VPN
        // gateways); a region the table does not know has none here rather than invented ones.
        if (token === "alicloud:index/getZones:getZones" || token === "alicloud:vpn/getGatewayZones:getGatewayZones") {
            const zones = [...(vpnGatewayZones(this.defaultRegion) ?? [])];
            return { ids: zones, zones: zones.map((id) => ({ id, zoneId: id, localName: id })) };
        }
        if (token === GET_IMAGES) {
            return getImages(inputs);
        }
        throw new AlibabaApiError("InvalidAction.NotFound", `The emulator does not implement ${token}.`, 404);
    }

    /** Every recorded resource of a type token, e.g. TYPES.connection. */
    ofType(type: string): RecordedResource[] {
        return this.state.ofType(type);
    }

    create(
        args: pulumi.runtime.MockResourceArgs,
        recorded: { parent?: string; dependencies: string[]; provider?: string; secretInputPaths: string[]; additionalSecretOutputs: string[]; custom: boolean },
    ): pulumi.runtime.MockResourceResult {
        const urn = this.urnOf(args.type, args.name, recorded.parent);
        const peer = peerCloudOf(args.type);
        const providerRegion = recorded.provider && this.providerRegions.get(providerUrn(recorded.provider));
        const region = peer
            ? peer.region(args.inputs ?? {}, providerRegion)
            : args.type === TYPES.provider
              ? (args.inputs.region ?? this.defaultRegion)
              : (providerRegion ?? this.defaultRegion);
        const inputs = unwrapSecrets(args.inputs ?? {}) as Record<string, any>;
        if (recorded.custom) {
            try {
                const request = { type: args.type, name: args.name, urn, region, inputs, dependencies: recorded.dependencies };
                peer ? peer.validate(request, this.state) : validateCreate(request, this.state);
            } catch (err) {
                if (err instanceof AlibabaApiError) {
                    this.state.rejections.push({ urn, type: args.type, name: args.name, code: err.code, message: err.apiMessage });
                    throw new AlibabaApiError(err.code, err.apiMessage, err.httpStatus, requestId(urn));
                }
                throw err;
            }
        }
        const { id, outputs } = !recorded.custom
            ? { id: "", outputs: { ...inputs } }
            : peer
              ? peer.outputs(args.type, urn, region, inputs, this.state)
              : createOutputs(args.type, args.name, urn, region, inputs, this.state, this.addresses);
        if (args.type === TYPES.provider || args.type === peer?.providerType) {
            this.providerRegions.set(urn, region);
        }
        this.state.add({
            urn,
            type: args.type,
            name: args.name,
            id,
            custom: recorded.custom,
            region: recorded.custom ? region : undefined,
            parent: recorded.parent,
            dependencies: recorded.dependencies,
            inputs,
            outputs,
            secretInputPaths: recorded.secretInputPaths,
            additionalSecretOutputs: recorded.additionalSecretOutputs,
            sequence: this.state.resources.length,
        });
        return { id: id || undefined, state: outputs };
    }

    // The same URN MockMonitor computes, so recorded resources line up with Pulumi's own.
    private urnOf(type: string, name: string, parent?: string): string {
        let qualified = type;
        if (parent) {
            const parentType = parent.split("::")[2].split("$").pop();
            qualified = `${parentType}$${type}`;
        }
        return `urn:pulumi:${this.stack}::${this.project}::${qualified}::${name}`;
    }
}
