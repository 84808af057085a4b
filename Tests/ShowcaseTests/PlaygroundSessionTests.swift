import Foundation
import Testing
import Render
@testable import Showcase

@Suite struct PlaygroundSessionTests {
    static func settings(_ edit: (inout PlaygroundSettings) -> Void = { _ in }) -> PlaygroundSettings {
        var s = PlaygroundSettings()
        s.points = 200
        edit(&s)
        return s
    }

    @Test func trainingOnSpiralsLowersTheLossAndChangesTheBoundaryImage() throws {
        let session = try PlaygroundSession(Self.settings { $0.learningRate = 0.03; $0.hidden = [16, 16] })
        let before = try session.frame(.en)
        for _ in 0..<300 { session.trainStep() }
        let after = try session.frame(.en)
        #expect(after.step == 300)
        #expect(after.trainLoss < 0.7 * before.trainLoss, "loss \(before.trainLoss) → \(after.trainLoss)")
        #expect(after.boundary != before.boundary)
        #expect(after.boundary.hasPrefix("data:image/png;base64,"))
        #expect(after.classes == 3 && after.layers == [16, 16, 3])
        #expect(after.lossChart?.contains("<svg") == true && after.gradientChart?.contains("<svg") == true)
    }

    @Test func theSameSettingsGiveTheSameRun() throws {
        let a = try PlaygroundSession(Self.settings()), b = try PlaygroundSession(Self.settings())
        for _ in 0..<20 { a.trainStep(); b.trainStep() }
        #expect(a.evaluate(a.train).loss == b.evaluate(b.train).loss)
    }

    @Test func validationIsHeldOutAtTheRequestedShare() throws {
        let session = try PlaygroundSession(Self.settings { $0.points = 100; $0.validationFraction = 0.3 })
        #expect(session.validation.count == 30 && session.train.count == 70)
    }

    @Test func backpropAgreesWithACentralDifferenceInDoubleForEveryActivationAndPenalty() throws {
        for activation in PlaygroundSettings.ActivationName.allCases {
            let session = try PlaygroundSession(Self.settings {
                $0.activation = activation; $0.l1 = 0.001; $0.l2 = 0.01; $0.dropout = 0.2; $0.hidden = [5, 4]
            })
            for _ in 0..<5 { session.trainStep() }
            for (layer, unit, input) in [(1, 2, 1), (2, 3, 4), (3, 1, 0)] {
                let check = try session.checkGradient(layer: layer, unit: unit, input: input)
                #expect(check.passed, "\(activation) w\(layer)[\(unit),\(input)]: \(check.backprop) vs \(check.centralDifference)")
                #expect(check.batch == 16)
            }
        }
    }

    @Test func aGradientCheckLeavesTrainingUntouched() throws {
        let a = try PlaygroundSession(Self.settings()), b = try PlaygroundSession(Self.settings())
        for _ in 0..<10 { a.trainStep(); b.trainStep() }
        _ = try a.checkGradient(layer: 1, unit: 0, input: 0)
        for _ in 0..<10 { a.trainStep(); b.trainStep() }
        #expect(a.evaluate(a.train).loss == b.evaluate(b.train).loss)
    }

    @Test func sigmoidTimesSixShowsVanishingGradientsInTheFirstLayer() throws {
        let session = try PlaygroundSession(Self.settings {
            $0.hidden = [8, 8, 8, 8, 8, 8]; $0.activation = .sigmoid; $0.optimizer = .sgd; $0.learningRate = 0.1
        })
        for _ in 0..<10 { session.trainStep() }
        let norms = session.health.map(\.gradientNorm)
        #expect(norms.count == 7)
        #expect(norms[0] < norms[6] / 100, "first layer \(norms[0]) vs output \(norms[6])")
    }

    @Test func aLearningRateFarTooHighKillsReLUsAndTheHealthSaysSo() throws {
        let session = try PlaygroundSession(Self.settings {
            $0.dataset = .moons; $0.activation = .relu; $0.optimizer = .sgd; $0.learningRate = 3
        })
        for _ in 0..<60 { session.trainStep() }
        let dead = session.health.compactMap(\.deadReLUFraction)
        #expect(dead.count == 2)
        #expect(dead.max()! > 0.3, "dead fractions \(dead)")
        let calm = try PlaygroundSession(Self.settings { $0.dataset = .moons; $0.activation = .relu; $0.learningRate = 0.01 })
        for _ in 0..<60 { calm.trainStep() }
        #expect(calm.health.compactMap(\.deadReLUFraction).max()! < dead.max()!)
    }

    @Test func adamRescuesABadlyScaledProblemThatSGDCannotLearn() throws {
        func loss(_ optimizer: PlaygroundSettings.OptimizerName, _ lr: Double) throws -> Double {
            let session = try PlaygroundSession(Self.settings {
                $0.dataset = .moons; $0.hidden = [8]; $0.inputScale = 200; $0.optimizer = optimizer; $0.learningRate = lr
            })
            for _ in 0..<400 { session.trainStep() }
            return session.evaluate(session.validation).loss
        }
        let adam = try loss(.adam, 0.03), sgd = try loss(.sgd, 0.001)
        #expect(adam < sgd, "adam \(adam) vs sgd \(sgd)")
    }

    @Test func settingsOutOfRangeAreRefusedNamingTheField() {
        for (edit, field) in [({ (s: inout PlaygroundSettings) in s.hidden = [8, 8, 8, 8, 8, 8, 8] }, "hidden"),
                              ({ $0.hidden = [33] }, "hidden"), ({ $0.learningRate = -1 }, "learningRate"),
                              ({ $0.points = 5 }, "points"), ({ $0.dropout = 1 }, "dropout"),
                              ({ $0.batchSize = 0 }, "batchSize"), ({ $0.noise = .nan }, "noise")] {
            #expect(throws: PlaygroundError.self) { _ = try PlaygroundSession(Self.settings(edit)) }
            do { _ = try PlaygroundSession(Self.settings(edit)) } catch {
                #expect("\(error)".contains("\"\(field)\""), "\(error)")
            }
        }
    }

    @Test func aNeuronShowsItsIncomingWeightsGradientsAndActivation() throws {
        let session = try PlaygroundSession(Self.settings { $0.hidden = [6, 4] })
        session.trainStep()
        let n = try session.neuron(layer: 2, unit: 3)
        #expect(n.weights.count == 6 && n.gradients.count == 6 && n.step == 1)
        #expect(n.gradients.contains { $0 != 0 })
        let image = try session.neuronImage(layer: 2, unit: 3, side: 40, scale: 2)
        #expect(image.width == 80 && image.height == 80)
        #expect(throws: PlaygroundError.self) { try session.neuron(layer: 4, unit: 0) }
        #expect(throws: PlaygroundError.self) { try session.neuron(layer: 1, unit: 6) }
        #expect(throws: PlaygroundError.self) { try session.checkGradient(layer: 1, unit: 0, input: 2) }
    }

    @Test func chartsFollowTheLanguage() throws {
        let session = try PlaygroundSession(Self.settings())
        for _ in 0..<3 { session.trainStep(); session.record() }
        #expect(try session.frame(.zh).lossChart?.contains("损失") == true)
        #expect(try session.frame(.en).lossChart?.contains("Loss") == true)
        #expect(try session.frame(.en, points: false, charts: false).lossChart == nil)
    }

    @Test func everyDataSetBuildsAndTrains() throws {
        for dataset in PlaygroundSettings.DataSet.allCases {
            let session = try PlaygroundSession(Self.settings { $0.dataset = dataset })
            session.trainStep()
            #expect(session.evaluate(session.train).loss.isFinite, "\(dataset)")
        }
    }
}
