import ArgumentParser
import Showcase

/// `dlexplain export`: a trained checkpoint as an ONNX file for PyTorch or onnxruntime.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a trained checkpoint as ONNX (opset 13) for onnxruntime or PyTorch.",
        discussion: "The file is read back and run on four inputs before the command ends; their logits must equal "
            + "the checkpoint's exactly. Dropout is left out (an exported model is for inference).")

    @Option(help: "Checkpoint written by training (e.g. Output/train/seed.dlxckpt).") var checkpoint: String
    @Option(help: "The ONNX file to write (e.g. model.onnx).") var onnx: String

    func run() throws {
        try reporting("export", lock: RunGuard.folder(of: onnx)) {
            let outcome = try ModelExport.write(checkpoint: checkpoint, onnx: onnx)
            show(outcome)
            if !outcome.passed { throw ExitCode.failure }
        }
    }
}
