variable "name" {
  type        = string
  description = "Name prefix for every resource this module creates (DNS-1123 label)."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,38}[a-z0-9]$", var.name))
    error_message = "name must be a DNS-1123 label of 3 to 40 characters."
  }
}

variable "context" {
  type = object({
    region              = string
    resource_group_name = optional(string)
    project_id          = optional(string)
    tags                = optional(map(string), {})
  })
  description = "Where resources go: region, plus the Azure resource group or GCP project, and tags or labels."
}

variable "network" {
  type = object({
    network_id         = string
    private_subnet_ids = list(string)
    cidr               = string
  })
  description = "Outputs of the network module; the service is reachable only from inside it."
}

variable "kind" {
  type        = string
  description = "rabbitmq (Amazon MQ for RabbitMQ; on Azure and GCP run RabbitMQ in-cluster instead) or queue (SQS, Service Bus, Pub/Sub)."

  validation {
    condition     = contains(["rabbitmq", "queue"], var.kind)
    error_message = "kind must be rabbitmq or queue."
  }
}

variable "size" {
  type        = string
  description = "Broker size: an Amazon MQ instance type (mq.m7g.medium) or a Service Bus tier (Standard); unused by SQS and Pub/Sub."
  default     = ""
}

variable "queues" {
  type        = list(string)
  description = "Queues (SQS queues, Service Bus queues, Pub/Sub topics with one subscription each)."
  default     = []

  validation {
    condition     = alltrue([for q in var.queues : can(regex("^[a-z][a-z0-9-]{0,62}$", q))])
    error_message = "queue names must be lowercase DNS-1123 labels."
  }
}
