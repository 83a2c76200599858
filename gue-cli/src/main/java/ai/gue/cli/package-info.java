/**
 * The {@code gue} command-line tool: picocli commands that parse options, build a config, call the
 * library and print its results. No math and no file formats live here.
 */
package ai.gue.cli;
