# Quota guard for the batch job: keep today's count of minted keys in a JSON state file and stop at the daily quota.
[CmdletBinding()]
param(
    [ValidateRange(1, 100)]
    [int]$DailyQuota = 3,
    [int]$Requested = 4
)

$StatePath = Join-Path ([System.IO.Path]::GetTempPath()) 'psopenapi-corpus-06-quota.json'
Remove-Item -Path $StatePath -ErrorAction SilentlyContinue
$Today = Get-Date -Format 'yyyyMMdd'
# one key was minted earlier today by another job
$State = if (Test-Path $StatePath) { Get-Content -Path $StatePath -Raw | ConvertFrom-Json } else { [pscustomobject]@{ Day = $Today; Used = 1; Owner = $PID } }

$Minted = 0
foreach ($N in 1..$Requested) {
    if ($State.Used -ge $DailyQuota) {
        Write-Warning "daily quota of $DailyQuota reached"
        break
    }
    $Request = Initialize-RealtimeSessionCreateRequest -Model 'gpt-4o-mini-realtime-preview' -Instructions "Batch job $N of $Requested."
    $null = New-RealtimeSession -RealtimeSessionCreateRequest $Request
    $State.Used++
    $Minted++
    $State | ConvertTo-Json -Compress | Set-Content -Path $StatePath
}

$Saved = Get-Content -Path $StatePath -Raw | ConvertFrom-Json
Write-Output "minted $Minted of $Requested"
# JSON properties ignore case: .used reads "Used"
Write-Output "state: used $($Saved.used) of $DailyQuota, same day: $($Saved.Day -eq $Today), owner is this run: $($Saved.Owner -eq $PID)"
Write-Output ('usage {0:N1}%' -f ($Saved.Used / $DailyQuota * 100))    # 3 / 3 * 100 is 100, shown as 100.0
Remove-Item -Path $StatePath -ErrorAction SilentlyContinue
Write-Output "state removed: $(-not (Test-Path $StatePath))"
