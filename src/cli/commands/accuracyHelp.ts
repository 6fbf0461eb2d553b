import { l10n } from '../../core/l10n';

/** Help of the accuracy-lab commands (samples, eval, quality); help.ts lists them. */
export function accuracyMainLines(): string {
  return l10n.t(`  samples --people P --images I --out DIR [--fingers]
                                       write a labelled synthetic dataset, DIR/<person>/<n>.jpg
  eval <folder|pairs.csv> [--report FILE.html]
                                       accuracy on your images: EER, FNMR at FMR, threshold
  quality <folder> [--report FILE.html] ICAO fail rates, FaceImageConformed, NFIQ histogram`);
}

export function accuracyHelp(): Record<string, string> {
  return {
    samples: l10n.t(`Usage: biopassid samples --people P --images I --out DIR [--fingers] [--seed S] [--size PX]

Writes a labelled synthetic dataset: DIR/person-001/1.jpg … (cartoon faces drawn in code; with
--fingers, fingerprints as greyscale DIR/person-001/1.tif). Each person's features come from the
seed; each photo varies in pose, scale, brightness and noise, so an evaluation against the
sandbox shows both false matches and false non-matches. Same seed, same files.`),
    eval: l10n.t(`Usage: biopassid eval <folder|pairs.csv> [--json] [--impostors N] [--seed S] [--target-fmr F]
                     [--report FILE.html] [--include-thumbnails] [--fingers] [--journal FILE]
                     [--concurrency N] [connection options]

Extracts one template per image, matches every genuine pair (two images of one person) and every
impostor pair, or a seeded sample of N (--impostors), then prints the EER, FNMR at FMR 1e-2,
1e-3 and 1e-4 with their thresholds, the recommended threshold for --target-fmr (default 1e-3),
and the worst pairs. A rate that too few impostor comparisons support (fewer than 30 / FMR) is
not given. The number of calls and an estimate of the time are printed (stderr) before starting.
  folder      FOLDER/<person>/<image>: one subfolder per person
  pairs.csv   a header "a,b,genuine", paths relative to the file, genuine 1 or 0
Scores are journaled (JSON lines, scores only: no image, template or key) to --journal, by
default FOLDER/.biopassid-eval.jsonl or pairs.csv.journal.jsonl: a run that was interrupted
resumes without asking again for the scores it has. --json prints
{ genuine, impostor, eer, fnmrAtFmr: { "1e-2": { fnmr, threshold }, … }, threshold, … }.
--report writes one self-contained HTML file (inline SVG, no external resources); images are
included only with --include-thumbnails. Exit 1 when the run fails part way.`),
    quality: l10n.t(`Usage: biopassid quality <folder> [--json] [--report FILE.html] [--include-thumbnails]
                        [--liveness] [--fingers] [--concurrency N] [connection options]

Checks every image under the folder: faces (JPEG, PNG) with face detection and the ICAO check,
fingerprints (TIFF, WSQ, or every image with --fingers) with NFIQ; --liveness adds a liveness
check per face. Prints the fail rate of each of the 23 ICAO requirements, the distribution of
FaceImageConformed, the NFIQ histogram, and the images with no or several faces. --json prints
{ images, icao: { requirements: { <name>: { failRate } }, … }, nfiq: { histogram }, … }.`),
  };
}
