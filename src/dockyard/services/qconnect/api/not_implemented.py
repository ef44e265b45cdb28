"""Operations of the qconnect model Dockyard does not implement, and why (NotImplementedException)."""

from __future__ import annotations

from dockyard.services.qconnect import SPEC

SPEC.declare_not_implemented(
    "Content associations link content to Amazon Connect step-by-step guides (flows), which Dockyard does not have",
    "CreateContentAssociation", "GetContentAssociation", "ListContentAssociations", "DeleteContentAssociation",
)
SPEC.declare_not_implemented(
    "Generative AI agents, prompts, guardrails and models need a language model; out of Dockyard's scope",
    "CreateAIAgent", "CreateAIAgentVersion", "CreateAIGuardrail", "CreateAIGuardrailVersion", "CreateAIPrompt",
    "CreateAIPromptVersion", "DeleteAIAgent", "DeleteAIAgentVersion", "DeleteAIGuardrail", "DeleteAIGuardrailVersion",
    "DeleteAIPrompt", "DeleteAIPromptVersion", "GetAIAgent", "GetAIGuardrail", "GetAIPrompt", "ListAIAgentVersions",
    "ListAIAgents", "ListAIGuardrailVersions", "ListAIGuardrails", "ListAIPromptVersions", "ListAIPrompts",
    "UpdateAIAgent", "UpdateAIGuardrail", "UpdateAIPrompt", "UpdateAssistantAIAgent", "RemoveAssistantAIAgent",
    "ListModels", "ListSpans",
)
SPEC.declare_not_implemented(
    "Sessions, messages and recommendations are the live agent-assist conversation, not import/export",
    "CreateSession", "GetSession", "UpdateSession", "UpdateSessionData", "SearchSessions", "GetNextMessage",
    "ListMessages", "SendMessage", "GetRecommendations", "NotifyRecommendationsReceived", "PutFeedback",
)
SPEC.declare_not_implemented(
    "Message templates are not built yet",
    "ActivateMessageTemplate", "CreateMessageTemplate", "CreateMessageTemplateAttachment",
    "CreateMessageTemplateVersion", "DeactivateMessageTemplate", "DeleteMessageTemplate",
    "DeleteMessageTemplateAttachment", "GetMessageTemplate", "ListMessageTemplateVersions", "ListMessageTemplates",
    "RenderMessageTemplate", "SearchMessageTemplates", "UpdateMessageTemplate", "UpdateMessageTemplateMetadata",
)
SPEC.declare_not_implemented(
    "Replica keys and template URIs configure AWS-side integrations Dockyard does not have",
    "RegisterAssistantReplicaKey", "RegisterKnowledgeBaseReplicaKey", "RemoveKnowledgeBaseTemplateUri",
    "UpdateKnowledgeBaseTemplateUri",
)
