package dev.voicefarm.common.jobs;

/** How far a running training job is: the epoch just finished and its mean training loss. */
public record Progress(int epoch, int epochs, double loss) {
}
