/// The lessons in curriculum order (docs/ARCHITECTURE.md §5). A lesson appears here once its driver exists.
let curriculum: [any Lesson.Type] = [
    NeuronLesson.self,
    ActivationsLesson.self,
    ForwardLesson.self,
    LossesLesson.self,
    BackpropLesson.self,
    OptimizersLesson.self,
    RegularizationLesson.self,
    BatchnormLesson.self,
    SplitsLesson.self,
    CNNLesson.self,
    SaliencyLesson.self,
    RNNLesson.self,
    AttentionLesson.self,
    VAELesson.self,
    GANLesson.self,
    BugsLesson.self,
]
