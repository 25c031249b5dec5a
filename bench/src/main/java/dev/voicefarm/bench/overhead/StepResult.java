package dev.voicefarm.bench.overhead;

/**
 * One run of one path at one pace.
 *
 * @param offeredRate jobs a second submitted, or 0 for as fast as the submission window allows
 * @param throughput  jobs finished a second, first submission to last finish
 * @param lost        jobs accepted but not finished (or failed, or not verifiable) by the deadline
 */
public record StepResult(String path, double offeredRate, int jobs, int finished, double throughput,
                         double p50Ms, double p99Ms, int lost) {
}
