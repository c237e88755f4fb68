# Guard the nightly mint job with a lock file so two runs never overlap; the lock records the owning process id.
$LockPath = Join-Path ([System.IO.Path]::GetTempPath()) 'psopenapi-corpus-19-mint.lock'
Remove-Item -Path $LockPath -ErrorAction SilentlyContinue

function Enter-Lock {
    param(
        [Parameter(Mandatory)]
        [string]$Path
    )
    if (Test-Path -Path $Path) {
        throw 'lock held by another run'
    }
    Set-Content -Path $Path -Value "pid=$PID"
}

Enter-Lock -Path $LockPath
Write-Output "lock taken: $(Test-Path $LockPath)"
try {
    Enter-Lock -Path $LockPath
    Write-Output 'second lock taken (wrong)'
} catch {
    Write-Output "second run refused: $($_.Exception.Message)"
}
$Owner = (Get-Content -Path $LockPath) -replace '^pid=(\d+)$', '$1'
Write-Output "lock owner is this process: $([int]$Owner -eq $PID)"

try {
    $Batch = foreach ($I in 1..2) {
        $Request = Initialize-RealtimeSessionCreateRequest -Model 'gpt-4o-mini-realtime-preview' -Instructions ('Night batch {0:D2}.' -f $I)
        New-RealtimeSession -RealtimeSessionCreateRequest $Request
    }
    Write-Output "minted $($Batch.Count) sessions"
} finally {
    Remove-Item -Path $LockPath -ErrorAction SilentlyContinue
    Write-Output "lock released: $(-not (Test-Path $LockPath))"
}
Remove-Item -Path $LockPath -ErrorAction SilentlyContinue    # already gone: silently nothing
Write-Output 'done'
