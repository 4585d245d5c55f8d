// The other clouds in the emulator: each module (aws.ts, azure.ts, gcp.ts) restates one cloud's API for the
// resources a cloud link creates there, with that cloud's id shapes, outputs and documented refusals. The emulator
// (index.ts) and the offline plan (cli/plan.ts) go through this list, so a cloud is added in one place.
import type { AlibabaApiError, EmulatorState, RecordedResource } from "./state";

export interface PeerCreateRequest {
    type: string;
    name: string;
    urn: string;
    region: string;
    inputs: Record<string, any>;
}

export interface PeerCloudEmulator {
    /** "aws", "azure", "gcp". */
    cloud: string;
    /** The provider resource's type token, e.g. "pulumi:providers:aws". */
    providerType: string;
    /** Whether a type token is one of this cloud's (its resources and its provider). */
    isType(type: string): boolean;
    /** The region (location) a resource lives in: its own input, else its provider's. */
    region(inputs: Record<string, any>, providerRegion: string | undefined): string;
    /** Throws the cloud's error (an AlibabaApiError subclass) for a create it would refuse, or returns. */
    validate(request: PeerCreateRequest, state: EmulatorState): void;
    /** The id and outputs the cloud and its provider report. */
    outputs(type: string, urn: string, region: string, inputs: Record<string, any>, state: EmulatorState): { id: string; outputs: Record<string, any> };
    /** The offline plan's lines for one of this cloud's resources, or undefined for other types. */
    describe(resource: RecordedResource): string[] | undefined;
}

export type PeerCloudError = AlibabaApiError;
