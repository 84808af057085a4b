import NN
import TensorGrad

/// Watches a `Trainer` from inside its loop (gradient health, custom logging) without changing what it computes.
/// Observers must not draw from the model's random stream or change its parameters.
public protocol TrainingObserver: AnyObject {
    /// After the backward pass of a step, before the optimizer updates the parameters: the gradients are in
    /// `model`'s parameters' `grad`; `input` is the batch ([N, C, H, W]); `epoch` is 0-based.
    func trainer(_ trainer: Trainer, willUpdate model: Sequential, input: Tensor<Float>, epoch: Int)
    /// Right after the optimizer's update of the same step.
    func trainer(_ trainer: Trainer, didUpdate model: Sequential, epoch: Int)
    /// After an epoch's training and validation.
    func trainer(_ trainer: Trainer, didFinish record: EpochRecord)
}
