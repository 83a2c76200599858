/** Small shared utilities: seed trees, atomic file writes, run manifests. */
package ai.gue.util;
