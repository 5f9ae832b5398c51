import ArchiveStore
import ArgumentParser
import ChachongWeb
import Foundation

/// `chachong users`: the web interface's local accounts, kept in the store's service state.
struct UsersCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "users",
    abstract: "Manage the web interface's users (reviewer, auditor, admin).",
    discussion: """
      Passwords are read from standard input (one line), never from the command line, and stored
      as bcrypt hashes.

      Examples:
        printf '%s\\n' "$PASSWORD" | chachong users create --index archive/ --name wang --role reviewer
        chachong users list --index archive/
        chachong users disable --index archive/ --name wang
      """,
    subcommands: [Create.self, List.self, Disable.self, Enable.self])

  typealias StoreOptions = ServiceStoreOptions

  struct Create: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "create", abstract: "Create a user; the password is read from standard input.")

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "User name (letters, digits, '.', '-', '_', '@'; at most 64).")
    var name: String

    @Option(name: .long, help: "reviewer, auditor or admin.")
    var role: String

    func run() async throws {
      guard let role = WebRole(rawValue: role) else {
        Output.error("error: --role must be reviewer, auditor or admin")
        throw ExitCode(2)
      }
      guard let line = readLine(strippingNewline: true), !line.isEmpty else {
        Output.error("error: no password on standard input")
        throw ExitCode(2)
      }
      do {
        _ = try await Accounts(store: try store.open().state).create(name: name, role: role, password: line)
      } catch let error as AccountError {
        Output.error("error: \(name): \(error.description)")
        throw ExitCode(2)
      }
      try Output.line("created user \(name) (\(role.rawValue))")
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List users.")

    @OptionGroup var store: StoreOptions

    func run() async throws {
      let users: [WebUser]
      do {
        users = try await Accounts(store: try store.open().state).list()
      } catch let error as AccountError {
        Output.error("error: \(error.description)")
        throw ExitCode(2)
      }
      for user in users {
        try Output.line("\(user.name)\t\(user.role.rawValue)\t\(user.disabled ? "disabled" : "active")")
      }
    }
  }

  struct Disable: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "disable", abstract: "Disable a user (their sessions stop working at once).")

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "User name.")
    var name: String

    func run() async throws {
      try await UsersCommand.setDisabled(store, name, true)
      try Output.line("disabled user \(name)")
    }
  }

  struct Enable: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "enable", abstract: "Enable a disabled user.")

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "User name.")
    var name: String

    func run() async throws {
      try await UsersCommand.setDisabled(store, name, false)
      try Output.line("enabled user \(name)")
    }
  }

  static func setDisabled(_ store: StoreOptions, _ name: String, _ disabled: Bool) async throws {
    do {
      let state = try store.open().state
      try await Accounts(store: state).setDisabled(name, disabled)
      if disabled { try await Sessions(store: state).endAll(user: name) }
    } catch let error as AccountError {
      Output.error("error: \(name): \(error.description)")
      throw ExitCode(2)
    } catch let error as StateStoreError {
      Output.error("error: \(error.description)")
      throw ExitCode(2)
    }
  }
}
