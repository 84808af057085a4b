/// The lessons in curriculum order (DESIGN.md §5). A lesson appears here once its driver exists.
let curriculum: [any Lesson.Type] = [
    BackpropLesson.self,
    OptimizersLesson.self,
    RegularizationLesson.self,
    BatchnormLesson.self,
    SplitsLesson.self,
]
