package dev.rlcode.agents.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ConcurrentlyTest {

    @Test
    void resultsComeInTheJobsOrderAndTheJobsRunAtOnce() {
        // every job waits until all have started: this only finishes if they run side by side
        CountDownLatch started = new CountDownLatch(4);
        List<Callable<Integer>> jobs = List.of(job(started, 0), job(started, 1), job(started, 2), job(started, 3));
        assertEquals(List.of(0, 10, 20, 30), Concurrently.all("test", jobs));
    }

    private static Callable<Integer> job(CountDownLatch started, int i) {
        return () -> {
            started.countDown();
            assertTrue(started.await(30, TimeUnit.SECONDS), "the jobs did not run at once");
            return 10 * i;
        };
    }

    @Test
    void aFailureIsRethrownAsItWasAndTheOtherJobsAreInterrupted() {
        var boom = new IllegalStateException("boom");
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch sleeping = new CountDownLatch(1); // the failure comes only once the other job is running
        List<Callable<String>> jobs = List.of(() -> {
            sleeping.await();
            throw boom;
        }, () -> {
            try {
                sleeping.countDown();
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            return "slept";
        });
        assertSame(boom, assertThrows(IllegalStateException.class, () -> Concurrently.all("test", jobs)));
        assertTrue(interrupted.get(), "the sleeping job was interrupted before all() returned");
    }

    @Test
    void aCheckedFailureIsWrappedWithItsCause() {
        var io = new IOException("disk");
        List<Callable<String>> jobs = List.of(() -> {
            throw io;
        });
        assertSame(io, assertThrows(IllegalStateException.class, () -> Concurrently.all("test", jobs)).getCause());
    }
}
