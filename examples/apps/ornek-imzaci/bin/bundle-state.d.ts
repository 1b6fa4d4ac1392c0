// Types of bundle-state.js (plain JavaScript: bin/ornek-imzaci runs it before anything is compiled).
export declare const APP_SOURCE: string;
export declare const APP_BUILD_DIR: string;
export declare const APP_BUILDER: string;
export interface BuildState {
  record(inputs: string[]): void;
  isFresh(): boolean;
}
export declare function appBuildState(root?: string, buildDir?: string): BuildState;
export type Entry = { kind: "build"; path: string } | { kind: "sources"; path: string; why: string };
export declare function chooseEntry(env?: Record<string, string | undefined>, root?: string, buildDir?: string): Entry;
