// Types for scripts/lib/firefox-manifest.mjs (the build scripts are plain ESM; the unit test is TypeScript).
export declare const FIREFOX_MIN_VERSION: string;
export declare const CHROME_ONLY_PERMISSIONS: readonly string[];
export declare const CHROME_ONLY_KEYS: readonly string[];
export declare function firefoxManifest(chrome: Record<string, any>, options: { id: string; minVersion?: string }): Record<string, any>;
