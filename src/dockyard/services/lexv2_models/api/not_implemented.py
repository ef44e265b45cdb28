"""Operations of the lexv2-models model Dockyard does not implement, and why (NotImplementedException)."""

from __future__ import annotations

from dockyard.services.lexv2_models import SPEC

SPEC.declare_not_implemented(
    "Utterances, analytics and metrics come from real conversation traffic, which Dockyard does not run",
    "ListAggregatedUtterances", "ListIntentMetrics", "ListIntentPaths", "ListIntentStageMetrics",
    "ListSessionAnalyticsData", "ListSessionMetrics", "ListUtteranceAnalyticsData", "ListUtteranceMetrics",
    "SearchAssociatedTranscripts",
)
SPEC.declare_not_implemented(
    "Test executions need the Lex runtime, which Dockyard does not emulate",
    "StartTestExecution", "DescribeTestExecution", "ListTestExecutions", "ListTestExecutionResultItems",
    "GetTestExecutionArtifactsUrl",
)
SPEC.declare_not_implemented(
    "Recommendations, analyzers and generation need transcripts or a language model; out of Dockyard's scope",
    "StartBotRecommendation", "DescribeBotRecommendation", "UpdateBotRecommendation", "StopBotRecommendation",
    "ListBotRecommendations", "ListRecommendedIntents", "StartBotAnalyzer", "StopBotAnalyzer",
    "DescribeBotAnalyzerRecommendation", "DeleteBotAnalyzerRecommendation", "ListBotAnalyzerHistory",
    "StartBotResourceGeneration", "DescribeBotResourceGeneration", "ListBotResourceGenerations", "GenerateBotElement",
    "StartTestSetGeneration", "DescribeTestSetGeneration",
)
