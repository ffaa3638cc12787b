resource "random_password" "admin" {
  length  = 32
  special = false
}

resource "google_sql_database_instance" "this" {
  name                = var.name
  project             = var.context.project_id
  region              = var.context.region
  database_version    = "POSTGRES_${var.engine_version}"
  deletion_protection = true

  settings {
    tier              = var.size
    disk_size         = var.storage_gb
    disk_type         = "PD_SSD"
    availability_type = var.high_availability ? "REGIONAL" : "ZONAL"
    user_labels       = var.context.tags

    ip_configuration {
      ipv4_enabled    = false
      private_network = var.network.network_id
    }

    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
    }
  }

  lifecycle {
    precondition {
      condition     = var.flavor == "standard"
      error_message = "Aurora is AWS only; use flavor = \"standard\" for Cloud SQL."
    }
  }
}

resource "google_sql_database" "this" {
  name     = var.database_name
  project  = var.context.project_id
  instance = google_sql_database_instance.this.name
}

resource "google_sql_user" "admin" {
  name     = "forja_admin"
  project  = var.context.project_id
  instance = google_sql_database_instance.this.name
  password = random_password.admin.result
}
