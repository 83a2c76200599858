/** Presets: named, versioned configurations stored as YAML data files. */
package ai.gue.config;
