// What the emulator remembers: every registered resource with its inputs, outputs, parent,
// dependencies and which inputs were secret; every request Alibaba would have refused.

export interface RecordedResource {
    urn: string;
    type: string;
    name: string;
    /** Physical id; empty for component resources. */
    id: string;
    custom: boolean;
    /** Region of the provider that manages it (custom resources only). */
    region?: string;
    parent?: string;
    /** URNs this resource waits for (explicit dependsOn and input dependencies). */
    dependencies: string[];
    inputs: Record<string, any>;
    outputs: Record<string, any>;
    /** Dotted paths of inputs that arrived as Pulumi secrets, e.g. "tunnelOptionsSpecifications[0].tunnelIkeConfig.psk". */
    secretInputPaths: string[];
    /** Outputs the program asked the engine to keep secret (`additionalSecretOutputs`, set by the SDKs for keys). */
    additionalSecretOutputs: string[];
    /** Registration order, from 0. */
    sequence: number;
}

/** An error as Alibaba Cloud's API returns it. */
export class AlibabaApiError extends Error {
    constructor(
        readonly code: string,
        readonly apiMessage: string,
        readonly httpStatus: number = 400,
        readonly requestId: string = "",
    ) {
        super(`${code}: ${apiMessage}${requestId ? ` (RequestId: ${requestId})` : ""}`);
        this.name = "AlibabaApiError";
    }
}

export interface Rejection {
    urn: string;
    type: string;
    name: string;
    code: string;
    message: string;
}

/** A request the emulator accepted although the real API might not: the sources disagree or say nothing. */
export interface EmulatorWarning {
    urn: string;
    type: string;
    name: string;
    message: string;
}

export class EmulatorState {
    readonly resources: RecordedResource[] = [];
    readonly rejections: Rejection[] = [];
    /** Accepted requests whose fate on the real API is unknown (e.g. a bandwidth only older references list). */
    readonly warnings: EmulatorWarning[] = [];
    private readonly byUrn = new Map<string, RecordedResource>();
    private readonly byId = new Map<string, RecordedResource>();

    add(resource: RecordedResource): void {
        this.resources.push(resource);
        this.byUrn.set(resource.urn, resource);
        if (resource.id) {
            this.byId.set(resource.id, resource);
        }
    }

    get(urn: string): RecordedResource | undefined {
        return this.byUrn.get(urn);
    }

    findById(id: string | undefined): RecordedResource | undefined {
        return id ? this.byId.get(id) : undefined;
    }

    ofType(type: string): RecordedResource[] {
        return this.resources.filter((r) => r.type === type);
    }

    /** Custom (cloud) resources only: what `pulumi up` would create. */
    cloudResources(): RecordedResource[] {
        return this.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));
    }

    /** Every URN `urn` waits for, directly or through other resources. */
    transitiveDependencies(urn: string): Set<string> {
        const seen = new Set<string>();
        const stack = [...(this.byUrn.get(urn)?.dependencies ?? [])];
        while (stack.length > 0) {
            const next = stack.pop()!;
            if (!seen.has(next)) {
                seen.add(next);
                stack.push(...(this.byUrn.get(next)?.dependencies ?? []));
            }
        }
        return seen;
    }

    children(urn: string): RecordedResource[] {
        return this.resources.filter((r) => r.parent === urn);
    }
}
