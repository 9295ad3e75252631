package dev.rlcode.core.kernel;

/**
 * The per-sample TD loss ℓ(δ) of {@link Kernels#tdLoss}.
 * <ul>
 *   <li>{@code HUBER}: ℓ = ½δ² if |δ| ≤ κ, else κ(|δ| − ½κ); ℓ' = clamp(δ, −κ, κ) (PyTorch {@code smooth_l1}
 *   with β = κ = 1 is the same; SB3's DQN default)</li>
 *   <li>{@code MSE}: ℓ = δ², ℓ' = 2δ (PyTorch {@code mse_loss}; CleanRL's DQN)</li>
 * </ul>
 */
public enum LossKind { HUBER, MSE }
