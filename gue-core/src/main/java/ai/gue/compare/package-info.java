/**
 * {@code gue compare}: a grid of victim evaluations (attacks × victims × defenses × seeds) read
 * from a YAML experiment file, run cell by cell so that a stopped grid resumes where it stopped,
 * and one report in the literature's layout (rows attacks, columns defenses and victims) as
 * Markdown and self-contained HTML.
 */
package ai.gue.compare;
