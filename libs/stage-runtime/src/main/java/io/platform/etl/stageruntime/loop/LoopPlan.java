package io.platform.etl.stageruntime.loop;

import java.util.List;

/**
 * The loop threads a stage on the transactional loop runs: one loop for a {@link LoopStage}, a keying and a deciding
 * loop for a keyed stage (ADR 0340). {@link StageLoop} starts and stops them.
 */
public interface LoopPlan {

    /** Every loop thread's worker, built once. */
    List<LoopWorker> workers();
}
